import Foundation
import KoersCore

/// Writes a dump (`DumpFormat`) into a new file: the stores call `begin` for each table in turn and `row` for each of
/// its rows, then `finish`. The lines go to `FILE.partial`, which takes the file's name only when the dump is whole,
/// so a file of that name is never half a dump; an existing file is never overwritten.
///
/// Used by one task at a time (the export's), hence unchecked.
public final class DumpWriter: @unchecked Sendable {
    public let path: String
    private let partialPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var tables = 0
    private var current: (table: DumpTable, expected: Int, written: Int)?
    /// Rows written per table, in dump order.
    public private(set) var counts: [(table: String, rows: Int)] = []

    /// Creates the partial file and writes the header; `from` names the store kind ("sqlite", "postgresql").
    public init(path: String, from: String, at time: Date = Date()) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw DumpError.exists(path) }
        self.path = path
        partialPath = path + ".partial"
        guard FileManager.default.createFile(atPath: partialPath, contents: nil) else { throw DumpError.cannotCreate(partialPath) }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partialPath))
        buffer.reserveCapacity(Self.flushBytes + 4096)
        let header: [String: Any] = ["format": DumpFormat.name, "version": DumpFormat.version, "schema": DumpFormat.schema,
                                     "exported_at": ISO8601DateFormatter().string(from: time), "from": from]
        try writeObject(header)
    }

    deinit {
        try? handle.close()
    }

    private static let flushBytes = 1 << 20

    /// Starts a table of `rows` rows; the previous one must have had all of its rows.
    public func begin(_ table: DumpTable, rows: Int) throws {
        try endTable()
        current = (table, rows, 0)
        try writeObject(["table": table.name, "columns": table.columnNames, "rows": rows])
    }

    /// One row of the current table, its values in the table's column order.
    public func row(_ values: [SQLValue]) throws {
        guard let table = current?.table else { preconditionFailure("row before begin") }
        buffer.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            try DumpJSON.append(value, to: &buffer, table: table.name, column: table.columns[index].name)
        }
        buffer.append(contentsOf: [UInt8(ascii: "]"), 10])
        current!.written += 1
        if buffer.count >= Self.flushBytes { try flush() }
    }

    /// Writes the end line and gives the file its name.
    public func finish() throws {
        try endTable()
        try writeObject(["end": ["tables": tables, "rows": counts.reduce(0) { $0 + $1.rows }]])
        try flush()
        try handle.synchronize()
        try handle.close()
        try FileManager.default.moveItem(atPath: partialPath, toPath: path)
    }

    /// Removes the partial file of a dump that failed.
    public func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: partialPath)
    }

    private func endTable() throws {
        guard let (table, expected, written) = current else { return }
        // A store's count and its rows come from one snapshot; a difference is a bug, and the dump would be wrong.
        guard expected == written else { throw DumpError.countChanged(table: table.name, counted: expected, written: written) }
        counts.append((table.name, written))
        tables += 1
        current = nil
    }

    private func writeObject(_ object: [String: Any]) throws {
        buffer.append(contentsOf: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        buffer.append(10)
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The JSON of one value in a row line.
enum DumpJSON {
    static func append(_ value: SQLValue, to buffer: inout [UInt8], table: String, column: String) throws {
        switch value {
        case .text(nil), .integer(nil), .double(nil):
            buffer.append(contentsOf: "null".utf8)
        case .text(let text?):
            JSONString.append(text, to: &buffer)
        case .integer(let number?):
            buffer.append(contentsOf: String(number).utf8)
        case .double(let number?):
            // Swift prints the shortest decimal that reads back as the same double: the value moves bit for bit.
            guard number.isFinite else { throw DumpError.notFinite(table: table, column: column) }
            buffer.append(contentsOf: number.description.utf8)
        case .bool(let flag):
            buffer.append(contentsOf: (flag ? "true" : "false").utf8)
        }
    }
}
