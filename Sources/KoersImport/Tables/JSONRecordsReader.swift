import Foundation
import KoersCore

/// Reads a JSON export that is a list of flat records, as Statbel's open-data downloads are
/// (`{"facts": [{"Gemeente": "Tielt", "Kwartaal": "4de kwartaal 2018", "Aantal vestigingseenheden": 4309.0}, …]}`),
/// as a table: the first record's fields are the header, each record a row, each field's value a cell.
public struct JSONRecordsReader: TableSource {
    public let url: URL
    public let name: String

    public init(url: URL, name: String) {
        self.url = url
        self.name = name
    }

    /// The members of an object that are lists.
    private static func lists(in node: JSONNode) -> [JSONNode] {
        guard case .object(let members) = node.kind else { return [] }
        return members.map(\.value).filter { $0.array != nil }
    }

    public func forEachRow(_ body: (TableRow) throws -> Void) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataFileError([Diagnostic(file: name, line: 1, column: 1, message: "cannot read the file")])
        }
        var parser = JSONParser(bytes: [UInt8](data), file: name)
        let root = try parser.document()
        // The records: the document itself, or its one member that is a list.
        let lists = Self.lists(in: root)
        let list: JSONNode
        if root.array != nil {
            list = root
        } else if lists.count == 1 {
            list = lists[0]
        } else {
            throw DataFileError([Diagnostic(file: name, line: root.line, column: root.column, message:
                "expected a list of records, or an object with exactly one list of records")])
        }
        guard case .array(let records) = list.kind, let first = records.first else {
            throw DataFileError([Diagnostic(file: name, line: list.line, column: list.column, message: "the list of records is empty")])
        }
        guard case .object(let firstFields) = first.kind else {
            throw DataFileError([Diagnostic(file: name, line: first.line, column: first.column, message: "a record must be an object")])
        }
        let header = firstFields.map(\.key)
        try body(TableRow(cells: header, line: first.line, columns: firstFields.map(\.value.column)))
        for record in records {
            guard case .object(let fields) = record.kind else {
                throw DataFileError([Diagnostic(file: name, line: record.line, column: record.column, message: "a record must be an object")])
            }
            if let extra = fields.first(where: { !header.contains($0.key) }) {
                throw DataFileError([Diagnostic(file: name, line: extra.value.line, column: extra.value.column, message:
                    "field '\(extra.key)' is not in the first record (fields: \(header.joined(separator: ", ")))")])
            }
            let byKey = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            let cells = header.map { key -> String in
                guard let value = byKey[key] else { return "" }
                switch value.kind {
                case .null: return ""
                case .string(let s): return s
                case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
                case .bool(let b): return b ? "TRUE" : "FALSE"
                default: return value.text
                }
            }
            try body(TableRow(cells: cells, line: record.line, columns: header.map { byKey[$0]?.column ?? record.column }))
        }
    }
}
