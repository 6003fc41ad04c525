import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real SMTP server for the tests: Python's aiosmtpd (PyPI, installed by `.ci/run`) on a free local port, keeping
/// every message it accepts as a file in a Maildir. Tests that need it skip only when aiosmtpd is missing and `CI` is
/// unset; under CI they run and fail.
public final class SMTPSink: @unchecked Sendable {
    public let port: Int
    public let folder: TemporaryFolder
    private let process: Process

    /// Whether tests that need an SMTP server should run.
    public static var shouldRun: Bool { available || ProcessInfo.processInfo.environment["CI"] != nil }

    public static let available: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import aiosmtpd"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        do { try probe.run() } catch { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    public init() throws {
        folder = try TemporaryFolder()
        port = try Self.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox",
                             folder.path("maildir")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        while !Self.accepts(port) {
            guard process.isRunning else { throw Unavailable(description: "aiosmtpd exited (pip install aiosmtpd==1.4.6)") }
            guard Date() < deadline else { throw Unavailable(description: "aiosmtpd did not listen on \(port) within 15 s") }
            usleep(50_000)
        }
    }

    deinit {
        // aiosmtpd leaves SIGTERM to its event loop, which may not end; a test server needs no goodbye.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Every message received, as raw text (Maildir `new/`), oldest first.
    public func messages() throws -> [String] {
        let new = folder.url.appendingPathComponent("maildir/new")
        let files = (try? FileManager.default.contentsOfDirectory(at: new, includingPropertiesForKeys: [.creationDateKey])) ?? []
        return try files.sorted { $0.lastPathComponent < $1.lastPathComponent }.map { try String(contentsOf: $0, encoding: .utf8) }
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Unavailable(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

/// A message as the sink keeps it: its headers, and its body decoded (Koers sends base64).
public struct ReceivedMail: Sendable {
    public var headers: [String: String]
    public var body: String

    public init(_ raw: String) {
        let normalised = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let parts = normalised.components(separatedBy: "\n\n")
        var headers: [String: String] = [:]
        var last: String?
        for line in (parts.first ?? "").split(separator: "\n", omittingEmptySubsequences: true) {
            if line.first == " " || line.first == "\t", let key = last {
                headers[key, default: ""] += String(line)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].lowercased()
            headers[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            last = key
        }
        self.headers = headers
        let encoded = parts.dropFirst().joined(separator: "\n\n").replacingOccurrences(of: "\n", with: "")
        body = Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? parts.dropFirst().joined(separator: "\n\n")
    }

    /// The subject with RFC 2047 encoded words decoded.
    public var subject: String {
        let raw = headers["subject"] ?? ""
        guard raw.contains("=?UTF-8?B?") else { return raw }
        return raw.components(separatedBy: "=?UTF-8?B?").dropFirst().map { word -> String in
            let base64 = word.components(separatedBy: "?=").first ?? ""
            return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }.joined()
    }
}
