import Foundation
import KoersCore

/// A streaming CSV reader for files as people in Belgium produce them: `;`, `,` or tab as separator (detected from
/// the first line), quoted fields with `""` escapes and line breaks inside quotes, UTF-8 with or without BOM, or
/// Windows-1252 (Excel's default here). Reads in chunks, so memory does not grow with the file.
///
/// Every row carries the line it starts on and the column of each cell, for precise error messages.
public struct CSVReader: TableSource {
    public enum Encoding: String, Sendable, CaseIterable {
        /// UTF-8 unless the first non-ASCII bytes are not valid UTF-8, then Windows-1252.
        case auto, utf8, windows1252
    }

    private enum Input {
        case file(URL)
        case bytes([UInt8])
    }

    private let input: Input
    public let name: String
    public let encoding: Encoding
    private let fixedDelimiter: UInt8?

    public init(url: URL, name: String, delimiter: Character? = nil, encoding: Encoding = .auto) {
        input = .file(url)
        self.name = name
        self.encoding = encoding
        fixedDelimiter = delimiter?.asciiValue
    }

    public init(bytes: [UInt8], name: String, delimiter: Character? = nil, encoding: Encoding = .auto) {
        input = .bytes(bytes)
        self.name = name
        self.encoding = encoding
        fixedDelimiter = delimiter?.asciiValue
    }

    /// The separator: the given one, or whichever of `;`, tab and `,` occurs most often outside quotes in the first
    /// line (`;` wins a tie, as Belgian Excel writes it).
    public func delimiter() throws -> Character {
        if let d = fixedDelimiter { return Character(Unicode.Scalar(d)) }
        var counts: [UInt8: Int] = [UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0, UInt8(ascii: ","): 0]
        var inQuotes = false
        try forEachChunk { chunk in
            for b in chunk {
                if b == UInt8(ascii: "\"") { inQuotes.toggle() } else if !inQuotes {
                    if b == UInt8(ascii: "\n") { return false }
                    if counts[b] != nil { counts[b]! += 1 }
                }
            }
            return true
        }
        let best = [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: ",")].max { counts[$0]! < counts[$1]! }!
        return Character(Unicode.Scalar(counts[best]! > 0 ? best : UInt8(ascii: ",")))
    }

    /// Reads the file in chunks of 1 MiB; `body` returns false to stop.
    private func forEachChunk(_ body: ([UInt8]) throws -> Bool) throws {
        switch input {
        case .bytes(let bytes):
            _ = try body(bytes)
        case .file(let url):
            guard let handle = try? FileHandle(forReadingFrom: url) else {
                throw DataFileError([Diagnostic(file: name, line: 1, column: 1, message: "cannot open the file")])
            }
            defer { try? handle.close() }
            while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
                guard try body([UInt8](data)) else { return }
            }
        }
    }

    /// The first row (a header), reading no further than the chunk it ends in; nil for an empty file.
    public func firstRow() throws -> TableRow? {
        var first: TableRow?
        do {
            try forEachRow { row in
                first = row
                throw FirstRowRead()
            }
        } catch is FirstRowRead {}
        return first
    }

    /// Stops `forEachRow` after the first row.
    private struct FirstRowRead: Error {}

    public func forEachRow(_ body: (TableRow) throws -> Void) throws {
        let separator = try delimiter().asciiValue!
        var parser = CSVParser(name: name, separator: separator, encoding: encoding)
        try forEachChunk { chunk in
            try parser.feed(chunk, body)
            return true
        }
        try parser.finish(body)
    }
}

/// The byte-level state machine behind `CSVReader`. Separators, quotes and line breaks are ASCII in both encodings,
/// so rows are split on bytes and only cells are decoded.
struct CSVParser {
    let name: String
    let separator: UInt8
    var encoding: CSVReader.Encoding

    private var field: [UInt8] = []
    private var cells: [String] = []
    private var columns: [Int] = []
    private var inQuotes = false
    private var quoteSeen = false          // the previous byte closed a quote (or is the first of "")
    private var fieldWasQuoted = false
    private var crAfterClosingQuote = false
    private var line = 1                   // current line
    private var column = 1                 // current character column in the line
    private var rowLine = 1                // line the current row started on
    private var fieldColumn = 1            // column the current field started at
    private var quoteLine = 1              // where an open quote started, for "unterminated" errors
    private var quoteColumn = 1
    private var atStart = true             // nothing read yet: a BOM may come
    private var bomBytes = 0

    init(name: String, separator: UInt8, encoding: CSVReader.Encoding) {
        self.name = name
        self.separator = separator
        self.encoding = encoding
    }

    private static let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    mutating func feed(_ chunk: [UInt8], _ body: (TableRow) throws -> Void) throws {
        var i = 0
        if atStart {
            // Skip a UTF-8 byte order mark, even when split across chunks.
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            while i < chunk.count, bomBytes < 3, chunk[i] == bom[bomBytes] {
                bomBytes += 1
                i += 1
            }
            if bomBytes == 3 || i < chunk.count {
                if bomBytes == 3, encoding == .auto { encoding = .utf8 }
                if bomBytes > 0 && bomBytes < 3 { field.append(contentsOf: bom[0..<bomBytes]) }
                atStart = false
            }
        }
        while i < chunk.count {
            let b = chunk[i]
            i += 1
            if inQuotes {
                if b == Self.quote {
                    if quoteSeen { field.append(b) }  // "" inside quotes is one quote
                    quoteSeen.toggle()
                    advance(b)
                    continue
                }
                if quoteSeen {
                    // The quote before closed the field.
                    inQuotes = false
                    quoteSeen = false
                } else {
                    field.append(b)
                    advance(b)
                    continue
                }
            }
            if b == separator {
                try endField()
                advance(b)
                fieldColumn = column
            } else if b == Self.newline {
                try endRow(body)
                line += 1
                column = 1
                rowLine = line
                fieldColumn = 1
            } else if b == Self.quote && field.isEmpty && !fieldWasQuoted {
                inQuotes = true
                fieldWasQuoted = true
                quoteLine = line
                quoteColumn = column
                advance(b)
            } else {
                // A CR right after a closing quote ends the line (CRLF), not the field's text.
                crAfterClosingQuote = b == Self.cr && fieldWasQuoted
                field.append(b)
                advance(b)
            }
        }
    }

    /// Counts characters, not bytes: continuation bytes of UTF-8 do not move the column.
    private mutating func advance(_ b: UInt8) {
        if b == Self.newline {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1
        }
    }

    mutating func finish(_ body: (TableRow) throws -> Void) throws {
        if inQuotes && !quoteSeen {
            throw DataFileError([Diagnostic(file: name, line: quoteLine, column: quoteColumn,
                                            message: "a quoted field is never closed (is the file truncated?)")])
        }
        inQuotes = false
        if !field.isEmpty || !cells.isEmpty || fieldWasQuoted { try endRow(body) }
    }

    private mutating func endField() throws {
        if field.last == Self.cr, !fieldWasQuoted || crAfterClosingQuote { field.removeLast() }
        crAfterClosingQuote = false
        cells.append(try decode(field))
        columns.append(fieldColumn)
        field.removeAll(keepingCapacity: true)
        fieldWasQuoted = false
        quoteSeen = false
    }

    private mutating func endRow(_ body: (TableRow) throws -> Void) throws {
        try endField()
        defer {
            cells.removeAll(keepingCapacity: true)
            columns.removeAll(keepingCapacity: true)
        }
        // A blank line is no row.
        if cells.count == 1 && cells[0].isEmpty { return }
        try body(TableRow(cells: cells, line: rowLine, columns: columns))
    }

    private mutating func decode(_ bytes: [UInt8]) throws -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if encoding == .auto {
            encoding = String(validating: bytes, as: UTF8.self) != nil ? .utf8 : .windows1252
        }
        switch encoding {
        case .windows1252:
            return Windows1252.decode(bytes)
        default:
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw DataFileError([Diagnostic(file: name, line: line, column: fieldColumn,
                                                message: "this cell is not valid UTF-8 although earlier text was (mixed encodings?)")])
            }
            return text
        }
    }
}

/// Windows-1252, the code page Excel uses for CSV in Belgium: Latin-1 plus typographic characters in 0x80–0x9F.
enum Windows1252 {
    static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func decode(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            let value: UInt32 = (0x80...0x9F).contains(b) ? high[Int(b) - 0x80] : UInt32(b)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }
}
