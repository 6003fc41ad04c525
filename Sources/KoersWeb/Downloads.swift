import Foundation
import Hummingbird
import KoersCore
import KoersViews

/// Observations as files a reader downloads: CSV (one value per line, as Koers imports them) and JSON.
enum Downloads {
    static let csvHeader = ["indicator", "region", "region_name", "period", "breakdown", "value", "flags", "source", "note"]

    static func csv(_ observations: [Observation], lookup: Lookup, language: Language) -> String {
        var out = csvHeader.joined(separator: ",") + "\r\n"
        for o in observations {
            let fields = [o.indicator, o.region, lookup.regionName(o.region, language), o.period.description, o.breakdown.key,
                          Self.number(o.value), o.flags.map(\.rawValue).sorted().joined(separator: ";"), o.source, o.note ?? ""]
            out += fields.map(CSVField.quote).joined(separator: ",") + "\r\n"
        }
        return out
    }

    struct Row: Encodable {
        var indicator, region, regionName, period: String
        var breakdown: [String: String]
        var value: Double
        var flags: [String]
        var source: String
        var note: String?

        enum CodingKeys: String, CodingKey {
            case indicator, region, regionName = "region_name", period, breakdown, value, flags, source, note
        }
    }

    static func json(_ observations: [Observation], lookup: Lookup, language: Language) throws -> String {
        let rows = observations.map {
            Row(indicator: $0.indicator, region: $0.region, regionName: lookup.regionName($0.region, language),
                period: $0.period.description, breakdown: $0.breakdown.dimensions, value: $0.value,
                flags: $0.flags.map(\.rawValue).sorted(), source: $0.source, note: $0.note)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }

    /// The shortest text that reads back as the same number: 7719, 14.415.
    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    }

    /// A file response: its type, and a name the browser saves it under.
    static func file(_ body: String, type: String, name: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// An SVG chart to embed (`<img src=…>`): shown inline, not saved.
    static func svg(_ body: String) -> Response {
        Response(status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
