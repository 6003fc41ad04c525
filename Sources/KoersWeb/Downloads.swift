import Foundation
import Hummingbird
import KoersCore
import KoersViews

/// Tables as files a reader downloads: observations (one value per line, as Koers imports them) and other tables, as
/// CSV and JSON.
enum Downloads {
    static let csvHeader = ["indicator", "region", "region_name", "period", "breakdown", "value", "flags", "source", "note"]

    static func csv(_ observations: [Observation], lookup: Lookup, language: Language) -> String {
        var out = csvHeader.joined(separator: ",") + "\r\n"
        for o in observations {
            // Texts a file or a user set (names, sources, notes, breakdowns) never start a formula in a spreadsheet.
            let cells: [Cell] = [.text(o.indicator), .text(o.region), .text(lookup.regionName(o.region, language)),
                                 .text(lookup.written(o.period, of: o.indicator)), .text(o.breakdown.key), .number(o.value),
                                 .text(o.flags.map(\.rawValue).sorted().joined(separator: ";")), .text(o.source), .text(o.note)]
            out += cells.map(\.csvField).joined(separator: ",") + "\r\n"
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
                period: lookup.written($0.period, of: $0.indicator), breakdown: $0.breakdown.dimensions, value: $0.value,
                flags: $0.flags.map(\.rawValue).sorted(), source: $0.source, note: $0.note)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }

    /// Observations as `data.csv` or `data.json`, saved as `name` with that extension; any other file is not found.
    static func observations(_ observations: [Observation], as file: String, name: String, lookup: Lookup,
                             language: Language) throws -> Response {
        switch file {
        case "data.csv": Self.file(csv(observations, lookup: lookup, language: language), type: csvType, name: "\(name).csv")
        case "data.json": Self.file(try json(observations, lookup: lookup, language: language), type: jsonType, name: "\(name).json")
        default: throw HTTPError(.notFound)
        }
    }

    /// A table of named columns as `data.csv` (a header line, then one line per row) or `data.json` (an array of
    /// objects with the column names as keys, numbers as numbers, absent cells as null).
    static func table(_ table: Table, as file: String, name: String) throws -> Response {
        switch file {
        case "data.csv":
            let lines = [table.columns.map(CSVField.quote)] + table.rows.map { $0.map(\.csvField) }
            return Self.file(lines.map { $0.joined(separator: ",") + "\r\n" }.joined(), type: csvType, name: "\(name).csv")
        case "data.json":
            let objects = table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.columns, $0)) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            return Self.file(String(decoding: try encoder.encode(objects), as: UTF8.self), type: jsonType, name: "\(name).json")
        default:
            throw HTTPError(.notFound)
        }
    }

    struct Table {
        var columns: [String]
        var rows: [[Cell]]
    }

    enum Cell: Encodable {
        case text(String?)
        case number(Double?)

        /// The cell as a CSV field: a text neutralised against spreadsheet formulas (`CSVField.quoteText`), a number as
        /// it is (a negative one keeps its sign).
        var csvField: String {
            switch self {
            case .text(let s): CSVField.quoteText(s ?? "")
            case .number(let n): CSVField.quote(n.map(Downloads.number) ?? "")
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let s): try container.encode(s)
            case .number(let n): try container.encode(n)
            }
        }
    }

    /// Actions with their plan, as the actions page lists them: names in the page's language, the budget in euro
    /// exactly as the plan states it (empty when it states none).
    static func actions(_ chosen: [(plan: Plan, action: Action)], lookup: Lookup, language: Language) -> Table {
        let columns = ["plan", "action", "title", "node", "lead", "partners", "participation", "status", "period", "budget_eur",
                       "budget_approximate", "funding", "source"]
        let rows: [[Cell]] = chosen.map { plan, a in
            [.text(plan.id), .text(a.id), .text(a.title.text(in: language)), .text(a.node),
             .text(lookup.organisationName(a.lead, language)),
             .text(a.partners.isEmpty ? nil : a.partners.compactMap { lookup.organisationName($0, language) }.joined(separator: "; ")),
             .number(a.participation.map { Double($0.rawValue) }), .text(a.status.rawValue), .text(a.period?.description),
             .number(a.totalBudget), .text(a.budget.isEmpty ? nil : String(a.budget.contains(where: \.approximate))),
             .text(Set(a.budget.compactMap(\.funding)).sorted().joined(separator: "; ").nilIfEmpty), .text(a.source)]
        }
        return Table(columns: columns, rows: rows)
    }

    static let csvType = "text/csv; charset=utf-8"
    static let jsonType = "application/json; charset=utf-8"

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

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
