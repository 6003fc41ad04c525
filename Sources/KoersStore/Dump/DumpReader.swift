import Foundation

/// Reads a dump (`DumpFormat`) line by line, checking each line as it comes: the header, every table in its order with
/// exactly its columns and announced number of rows, every value of the column's type, and the end line. The stores
/// load what it gives inside one transaction, so a problem anywhere leaves the store as it was.
///
/// Used by one task at a time (the import's), hence unchecked.
public final class DumpReader: @unchecked Sendable {
    public let path: String
    /// When and from which kind of store the dump was written, as its header says.
    public let exportedAt: String, from: String
    private var lines: LineReader
    private var lineNumber = 0
    private var nextTableIndex = 0
    private var current: (table: DumpTable, rows: Int, read: Int)?
    /// Rows read per table, in dump order.
    public private(set) var counts: [(table: String, rows: Int)] = []

    public init(path: String) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else { throw DumpError.cannotOpen(path) }
        lines = LineReader(handle)
        let header = try Self.object(try lines.next(), path: path, line: 1, expecting: "the header")
        lineNumber = 1
        guard header["format"] as? String == DumpFormat.name else {
            throw DumpError.at(path, line: 1, column: 1, "not a Koers dump: the first line has no \"format\": \"\(DumpFormat.name)\"")
        }
        guard let version = header["version"] as? Int, version == DumpFormat.version else {
            throw DumpError.at(path, line: 1, column: 1,
                               "dump format version \(header["version"] ?? "missing"); this Koers reads version \(DumpFormat.version)")
        }
        guard let schema = header["schema"] as? String, schema == DumpFormat.schema else {
            throw DumpError.at(path, line: 1, column: 1, "the dump's schema is \(header["schema"] ?? "missing"); this Koers "
                               + "loads \(DumpFormat.schema) (load it with the Koers that wrote it, or a newer one that converts it)")
        }
        exportedAt = header["exported_at"] as? String ?? ""
        from = header["from"] as? String ?? ""
    }

    deinit {
        lines.close()
    }

    /// The next table and the number of rows it announces; nil after the last table, once the end line is checked.
    public func nextTable() throws -> (table: DumpTable, rows: Int)? {
        if let current {
            precondition(current.read == current.rows, "nextTable before the rows of \(current.table.name) were read")
            endTable()
        }
        let line = try nextLine(whatIsMissing: "the next table or the end line")
        let object = try Self.object(line, path: path, line: lineNumber, expecting: "a table line or the end line")
        if let end = object["end"] as? [String: Any] {
            return try checkEnd(end)
        }
        guard nextTableIndex < DumpFormat.tables.count else { throw problem("expected the end line after the last table") }
        let table = DumpFormat.tables[nextTableIndex]
        guard object["table"] as? String == table.name else {
            throw problem("expected table \"\(table.name)\", found \(object["table"].map { "\($0)" } ?? "no \"table\"")")
        }
        guard object["columns"] as? [String] == table.columnNames else {
            throw problem("table \(table.name): the columns must be \(table.columnNames.joined(separator: ", "))")
        }
        guard let rows = object["rows"] as? Int, rows >= 0 else { throw problem("table \(table.name): \"rows\" must be a count") }
        nextTableIndex += 1
        current = (table, rows, 0)
        return (table, rows)
    }

    /// The next row of the current table, its values typed as the columns are; nil when the table's rows are done.
    public func nextRow() throws -> [SQLValue]? {
        guard let (table, rows, read) = current else { return nil }
        guard read < rows else {
            endTable()
            return nil
        }
        let line = try nextLine(whatIsMissing: "row \(read + 1) of the \(rows) of table \(table.name)")
        do {
            let values = try DumpRowParser.parse(line, columns: table.columns)
            current!.read += 1
            return values
        } catch let error as DumpRowParser.Problem {
            throw DumpError.at(path, line: lineNumber, column: Self.characterColumn(line, byteOffset: error.offset),
                               "table \(table.name): \(error.message)")
        }
    }

    private func endTable() {
        guard let current else { return }
        counts.append((current.table.name, current.rows))
        self.current = nil
    }

    /// The number of the line read last: where a row the database refuses (a key twice, a name not there) is.
    public var currentLine: Int { lineNumber }

    private func checkEnd(_ end: [String: Any]) throws -> (DumpTable, Int)? {
        guard nextTableIndex == DumpFormat.tables.count else {
            throw problem("the dump ends before table \(DumpFormat.tables[nextTableIndex].name)")
        }
        let total = counts.reduce(0) { $0 + $1.rows }
        guard end["tables"] as? Int == counts.count, end["rows"] as? Int == total else {
            throw problem("the end line announces \(end["tables"] ?? "?") tables and \(end["rows"] ?? "?") rows; the dump has "
                          + "\(counts.count) and \(total)")
        }
        while let extra = try lines.next() {
            lineNumber += 1
            if !extra.allSatisfy({ $0 == 32 || $0 == 9 }) { throw problem("text after the end line") }
        }
        return nil
    }

    private func nextLine(whatIsMissing: String) throws -> ArraySlice<UInt8> {
        guard let line = try lines.next() else {
            throw DumpError.at(path, line: lineNumber + 1, column: 1, "the file ends where \(whatIsMissing) should be: it is incomplete")
        }
        lineNumber += 1
        return line
    }

    private func problem(_ message: String) -> DumpError {
        .at(path, line: lineNumber, column: 1, message)
    }

    private static func object(_ line: ArraySlice<UInt8>?, path: String, line number: Int, expecting: String) throws -> [String: Any] {
        guard let line else { throw DumpError.at(path, line: number, column: 1, "the file is empty") }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
            throw DumpError.at(path, line: number, column: 1, "expected \(expecting) (a JSON object)")
        }
        return object
    }

    /// The 1-based column of a byte offset, counting characters as an editor does (UTF-8 continuation bytes are not
    /// characters of their own).
    static func characterColumn(_ line: ArraySlice<UInt8>, byteOffset: Int) -> Int {
        line.prefix(byteOffset).reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
    }
}

/// The lines of a file, read in large blocks; each line without its end (`\n` or `\r\n`).
struct LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private static let blockBytes = 1 << 20

    init(_ handle: FileHandle) { self.handle = handle }

    func close() {
        try? handle.close()
    }

    mutating func next() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 10) {
                var end = newline
                if end > start, buffer[end - 1] == 13 { end -= 1 }
                defer { start = newline + 1 }
                return buffer[start..<end]
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return buffer[start...]
            }
            buffer.removeFirst(start)
            start = 0
            if let block = try handle.read(upToCount: Self.blockBytes), !block.isEmpty {
                buffer.append(contentsOf: block)
            } else {
                atEnd = true
            }
        }
    }
}

/// Problems with a dump, or with where it goes.
public enum DumpError: Error, CustomStringConvertible, Equatable {
    case exists(String)
    case cannotCreate(String)
    case cannotOpen(String)
    /// A problem in the dump at a line and column.
    case at(String, line: Int, column: Int, String)
    case countChanged(table: String, counted: Int, written: Int)
    case notFinite(table: String, column: String)
    /// The store to load into already holds data in this table.
    case notEmpty(table: String)

    public var description: String {
        switch self {
        case .exists(let path): "\(path) exists already; a dump never overwrites a file"
        case .cannotCreate(let path): "cannot create \(path)"
        case .cannotOpen(let path): "cannot open \(path)"
        case .at(let path, let line, let column, let message): "\(path):\(line):\(column): \(message)"
        case .countChanged(let table, let counted, let written):
            "table \(table) changed while it was dumped (\(counted) rows counted, \(written) written)"
        case .notFinite(let table, let column): "table \(table), column \(column): a value that is not a finite number"
        case .notEmpty(let table):
            "the store already holds data (table \(table)); import-db loads a dump into a new, empty store and never merges"
        }
    }
}
