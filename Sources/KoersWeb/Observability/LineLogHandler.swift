import KoersCore
import Foundation
import Logging

/// How log lines look: `text` for a person at a terminal, `json` (one object per line) for a log collector.
public enum LogFormat: String, Sendable, CaseIterable {
    case text, json
}

/// Writes each log event as one line: a JSON object (`timestamp`, `level`, `message`, then the metadata, nested keys
/// flattened with dots) or the same fields as text. Lines go to `write` (standard error by default), whole, so lines
/// of concurrent requests never interleave.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    let format: LogFormat
    let write: @Sendable (String) -> Void
    let now: @Sendable () -> Date

    public init(format: LogFormat, level: Logger.Level, write: @escaping @Sendable (String) -> Void = LineLogHandler.standardError,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.format = format
        logLevel = level
        self.write = write
        self.now = now
    }

    /// A logger that writes through this handler; no global bootstrap, so tests can make as many as they like.
    public static func logger(label: String = "koers", format: LogFormat, level: Logger.Level) -> Logger {
        Logger(label: label) { _ in LineLogHandler(format: format, level: level) }
    }

    /// Makes this handler, with these settings, the one behind every `Logger(label:)` in the process: Koers's own and
    /// every library's (PostgresNIO's pool among them), so that all lines share one format and level. swift-log allows
    /// this once per process: `koers serve` calls it; tests and library code use `logger(label:format:level:)`.
    public static func bootstrap(format: LogFormat, level: Logger.Level) {
        LoggingSystem.bootstrap { _ in LineLogHandler(format: format, level: level) }
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let given = event.metadata { merged.merge(given) { $1 } }
        if let error = event.error { merged["error"] = "\(error)" }
        var fields: [(String, Logger.Metadata.Value)] = []
        Self.flatten(merged, prefix: "", into: &fields)
        fields.sort { $0.0 < $1.0 }
        let time = Self.timestamp(now())
        switch format {
        case .json:
            var line = "{\"timestamp\":\(JSONText.string(time)),\"level\":\(JSONText.string(event.level.rawValue)),"
                + "\"message\":\(JSONText.string(event.message.description))"
            for (key, value) in fields { line += ",\(JSONText.string(key)):\(JSONText.value(value))" }
            write(line + "}")
        case .text:
            let pairs = fields.map { key, value in " \(key)=\(Self.text(value))" }.joined()
            write("\(time) \(event.level.rawValue) \(event.message)\(pairs)")
        }
    }

    /// `{request: {id: 1}}` becomes `request.id: 1`: collectors index flat keys.
    static func flatten(_ metadata: Logger.Metadata, prefix: String, into fields: inout [(String, Logger.Metadata.Value)]) {
        for (key, value) in metadata {
            if case .dictionary(let nested) = value {
                flatten(nested, prefix: prefix + key + ".", into: &fields)
            } else {
                fields.append((prefix + key, value))
            }
        }
    }

    static func text(_ value: Logger.Metadata.Value) -> String {
        let plain = value.description
        return plain.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) || plain.isEmpty ? JSONText.string(plain) : plain
    }

    /// ISO 8601 in UTC with milliseconds, `2025-03-01T09:30:00.123Z`.
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(milliseconds.quotient(1000))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(milliseconds.remainder(1000)))
    }
}

private extension Int64 {
    /// Floor division and its non-negative remainder (times before 1970 too).
    func quotient(_ d: Int64) -> Int64 { (self - remainder(d)) / d }
    func remainder(_ d: Int64) -> Int64 { ((self % d) + d) % d }
}

/// JSON text for log values: strings escaped as RFC 8259 asks, whole numbers and finite doubles as numbers.
enum JSONText {
    static func string(_ s: String) -> String { JSONString.quote(s) }

    static func value(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let s): return string(s)
        case .stringConvertible(let v):
            if let n = v as? any BinaryInteger { return "\(n)" }
            if let d = v as? Double, d.isFinite { return "\(d)" }
            if let b = v as? Bool { return b ? "true" : "false" }
            return string(v.description)
        case .array(let items): return "[" + items.map(Self.value).joined(separator: ",") + "]"
        case .dictionary(let nested):
            return "{" + nested.sorted { $0.key < $1.key }.map { "\(string($0.key)):\(Self.value($0.value))" }.joined(separator: ",") + "}"
        }
    }
}
