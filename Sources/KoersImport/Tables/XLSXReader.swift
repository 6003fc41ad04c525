import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import KoersCore
import ZIPFoundation

/// Reads one worksheet of an Excel workbook (`.xlsx`, Office Open XML) as table rows, for the same row-to-record
/// mapping as `CSVReader`.
///
/// Each row with at least one value yields its cells as text, as the file stores them: shared and inline strings
/// (rich-text runs joined), booleans as `TRUE`/`FALSE`, numbers exactly as written in the XML (`1234.5`, `0.1`; never
/// re-formatted through `Double`, so no digit is lost or added), a formula's cached result, an error value as its
/// text (`#N/A`). `line` is the row number and `cells[i]` is column i + 1 (A = 1): cells missing between filled ones
/// are "", and empty cells after the last value are left out, as they are only formatting.
///
/// A number in a cell formatted as a date (Excel stores dates as serial numbers: `43830` is 31 December 2019) reads as
/// the ISO date `2019-12-31`, or `2019-12-31T08:30:00` with a time of day, in the workbook's date system (1900, or
/// 1904 for old Mac workbooks); `ExcelDate` says which formats are dates. Other number formats are not interpreted:
/// a percentage stays its fraction (`0.25`). Not read either: merged cells (only the top-left cell holds the value); formulas a program saved
/// without calculating them (no cached value) read as "". Old `.xls`, `.xlsb` and password-protected workbooks are
/// refused. The sheet's XML is unpacked into memory before it is parsed, so memory grows with the sheet.
public struct XLSXReader: TableSource {
    public let url: URL
    /// The name diagnostics use for the file.
    public let name: String
    /// The worksheet to read; nil for the first in workbook order (the first tab, even when hidden).
    public let sheet: String?

    public init(url: URL, name: String, sheet: String? = nil) {
        self.url = url
        self.name = name
        self.sheet = sheet
    }

    /// The names of the workbook's sheets, in workbook (tab) order.
    public func sheetNames() throws -> [String] {
        try XLSXPackage(url: url, name: name).sheets.map(\.name)
    }

    public func forEachRow(_ body: (TableRow) throws -> Void) throws {
        let package = try XLSXPackage(url: url, name: name)
        let target = try package.sheet(named: sheet)
        let strings = try package.sharedStrings()
        let dates = try package.dateStyles()
        guard let path = target.path, let xml = try package.parts.read(path) else {
            throw fileError(name, "the workbook lists the sheet '\(target.name)' but the file does not hold it"
                + (target.path.map { " (no \($0))" } ?? ""))
        }
        // The parser's delegate must hold the closure while it parses; it does not outlive this call.
        try withoutActuallyEscaping(body) { body in
            let handler = SheetHandler(sharedStrings: strings, dateStyles: dates, emit: body)
            do {
                try handler.parse(xml)
            } catch let problem as SheetProblem {
                throw DataFileError([Diagnostic(file: name, line: problem.row, column: problem.column, message: problem.message)])
            } catch let invalid as InvalidXML {
                throw DataFileError([Diagnostic(file: name, line: max(handler.row, 1), column: 1, message:
                    "the sheet '\(target.name)' is damaged: \(path) is not well-formed XML (near its line \(invalid.line))")])
            }
            // Any other error is the caller's own, passed through.
        }
    }
}

/// A problem with the file as a whole, reported at its start.
private func fileError(_ file: String, _ message: String) -> DataFileError {
    DataFileError([Diagnostic(file: file, line: 1, column: 1, message: message)])
}

/// The entries of a ZIP archive, unpacked on demand.
private struct ZIPParts {
    let name: String
    let archive: Archive
    /// By lower-cased path: part names in a package are case-insensitive.
    let entries: [String: Entry]

    /// Larger parts, or more in all, are refused rather than exhausting memory (a damaged or malicious file can
    /// claim anything, and a ZIP bomb unpacks kilobytes into gigabytes).
    static let maxPartSize = 1 << 30
    static let maxTotalSize = 1 << 30
    /// A part may unpack to at most this many times its packed size (past `ratioFloor`): spreadsheet XML packs 5 to
    /// 30 times, sparse sheets of repeated empty cells up to about 100; a bomb thousands of times.
    static let maxRatio = 200
    static let ratioFloor = 1 << 20
    /// Bytes unpacked so far, over every part read.
    private let unpacked = Tally()

    init(url: URL, name: String) throws {
        self.name = name
        guard FileManager.default.isReadableFile(atPath: url.path) else { throw fileError(name, "cannot open the file") }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            // An OLE compound file: the old .xls format, or an .xlsx encrypted with a password.
            let head = (try? FileHandle(forReadingFrom: url).read(upToCount: 8)) ?? nil
            let ole = head.map { [UInt8]($0) == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] } ?? false
            throw fileError(name, ole
                ? "not an XLSX file: this is an old .xls workbook or a password-protected one; save it as .xlsx without a password"
                : "not an XLSX file (no ZIP archive)")
        }
        var entries: [String: Entry] = [:]
        var declared: UInt64 = 0
        for entry in archive {
            declared &+= entry.uncompressedSize
            if entries[entry.path.lowercased()] == nil { entries[entry.path.lowercased()] = entry }
        }
        // What the archive says of itself first; what it really unpacks to is counted as it is read.
        if declared > UInt64(Self.maxTotalSize) {
            throw fileError(name, "the workbook says it unpacks to \(declared >> 20) MB, more than the \(Self.maxTotalSize >> 20) MB Koers reads; "
                + "export the sheet as CSV")
        }
        self.entries = entries
    }

    private struct TooLarge: Error {}
    private struct TooCompressed: Error {}

    /// The unpacked part, or nil when the archive has none at `path`.
    func read(_ path: String) throws -> Data? {
        guard let entry = entries[path.lowercased()] else { return nil }
        var data = Data()
        let ratioBound = max(Self.ratioFloor, Int(clamping: entry.compressedSize).multipliedReportingOverflow(by: Self.maxRatio).partialValue)
        do {
            let checksum = try archive.extract(entry) { chunk in
                data.append(chunk)
                if data.count > Self.maxPartSize || unpacked.add(chunk.count) > Self.maxTotalSize { throw TooLarge() }
                if data.count > ratioBound { throw TooCompressed() }
            }
            // ZIPFoundation leaves the check to the caller when it hands over the bytes.
            guard checksum == entry.checksum else {
                throw fileError(name, "the ZIP archive is damaged: \(path) fails its checksum")
            }
        } catch let error as DataFileError {
            throw error
        } catch is TooLarge {
            throw fileError(name, "\(path) unpacks to more than 1 GiB; split the workbook or export the sheet as CSV")
        } catch is TooCompressed {
            throw fileError(name, "\(path) unpacks to more than \(Self.maxRatio) times its packed size (\(entry.compressedSize) bytes): "
                + "a ZIP bomb or a damaged file, not read")
        } catch {
            throw fileError(name, "the ZIP archive is damaged: cannot unpack \(path) (\(error))")
        }
        return data
    }
}

/// A running count shared by the reads of one archive.
private final class Tally: @unchecked Sendable {
    private var total = 0
    private let lock = NSLock()

    /// Adds `count`; returns the new total.
    func add(_ count: Int) -> Int { lock.withLock { total += count; return total } }
}

/// The workbook in a ZIP package: its sheets and shared strings, found through the relationship files rather than
/// assumed (`sheet1.xml` need not be the first tab).
private struct XLSXPackage {
    struct Sheet {
        let name: String
        /// Nil when the workbook's relationships do not say where the sheet is.
        let path: String?
    }

    let parts: ZIPParts
    /// In workbook (tab) order.
    let sheets: [Sheet]
    private let sharedStringsPath: String
    private let stylesPath: String
    /// `date1904` in the workbook's properties: serial 0 is 1 January 1904 rather than the end of 1899.
    let uses1904: Bool

    init(url: URL, name: String) throws {
        parts = try ZIPParts(url: url, name: name)

        // The package's root relationships name the workbook part; xl/workbook.xml is what every writer uses.
        var workbookPath = "xl/workbook.xml"
        if let rels = try parts.read("_rels/.rels"),
           let office = try Self.relationships(rels, base: "", name: name).first(where: { $0.type.hasSuffix("/officeDocument") }),
           parts.entries[office.target.lowercased()] != nil {
            workbookPath = office.target
        }
        guard let workbook = try parts.read(workbookPath) else {
            throw fileError(name, "not an XLSX file (a ZIP archive without xl/workbook.xml)")
        }

        // The workbook's own relationships: xl/_rels/workbook.xml.rels, targets relative to xl/.
        var folder = workbookPath.split(separator: "/").map(String.init)
        let file = folder.popLast() ?? ""
        let relsPath = (folder + ["_rels", file + ".rels"]).joined(separator: "/")
        let rels = try parts.read(relsPath).map { try Self.relationships($0, base: folder.joined(separator: "/"), name: name) } ?? []
        let targets = Dictionary(rels.map { ($0.id, $0.target) }, uniquingKeysWith: { first, _ in first })

        guard let listed = try? XMLElements.collect(["sheet"], in: workbook) else {
            throw fileError(name, "the workbook is damaged: \(workbookPath) is not well-formed XML")
        }
        // `r:id` (local name `id`) names the sheet's relationship.
        sheets = listed.compactMap { attributes in
            attributes["name"].map { Sheet(name: $0, path: attributes["id"].flatMap { targets[$0] }) }
        }
        sharedStringsPath = rels.first { $0.type.hasSuffix("/sharedStrings") }?.target
            ?? (folder + ["sharedStrings.xml"]).joined(separator: "/")
        stylesPath = rels.first { $0.type.hasSuffix("/styles") }?.target ?? (folder + ["styles.xml"]).joined(separator: "/")
        let properties = (try? XMLElements.collect(["workbookPr"], in: workbook))?.first ?? [:]
        uses1904 = ["1", "true"].contains(properties["date1904"]?.lowercased() ?? "")
    }

    /// Which cell styles (indexes into `cellXfs`, a cell's `s`) show numbers as dates, with the workbook's date system.
    func dateStyles() throws -> DateStyles {
        guard let data = try parts.read(stylesPath) else { return DateStyles(indexes: [], uses1904: uses1904) }
        let handler = StylesHandler()
        do {
            try handler.parse(data)
        } catch {
            throw fileError(parts.name, "the workbook is damaged: \(stylesPath) is not well-formed XML")
        }
        let indexes = handler.cellFormats.enumerated().compactMap { index, format in
            ExcelDate.isDate(format: format, custom: handler.customFormats) ? index : nil
        }
        return DateStyles(indexes: Set(indexes), uses1904: uses1904)
    }

    func sheet(named wanted: String?) throws -> Sheet {
        guard let first = sheets.first else { throw fileError(parts.name, "the workbook has no sheets") }
        guard let wanted else { return first }
        if let match = sheets.first(where: { $0.name == wanted }) { return match }
        let names = sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        throw fileError(parts.name, "the workbook has no sheet named '\(wanted)'; its sheets are \(names)")
    }

    /// The shared string table, or [] when the workbook has none (all strings inline, or no strings).
    func sharedStrings() throws -> [String] {
        guard let data = try parts.read(sharedStringsPath) else { return [] }
        let handler = SharedStringsHandler()
        do {
            try handler.parse(data)
        } catch {
            throw fileError(parts.name, "the workbook is damaged: \(sharedStringsPath) is not well-formed XML")
        }
        return handler.strings
    }

    private struct Relationship {
        let id, type, target: String
    }

    /// The relationships of a part, with targets resolved to paths in the archive (relative to `base`, the folder of
    /// the part they belong to, or absolute when they start with `/`). External targets (links) are left out.
    private static func relationships(_ data: Data, base: String, name: String) throws -> [Relationship] {
        guard let elements = try? XMLElements.collect(["Relationship"], in: data) else {
            throw fileError(name, "the workbook is damaged: a relationships file is not well-formed XML")
        }
        return elements.compactMap { attributes in
            guard let id = attributes["Id"], let target = attributes["Target"], attributes["TargetMode"] != "External"
            else { return nil }
            let decoded = target.removingPercentEncoding ?? target
            var path = decoded.hasPrefix("/") ? [] : base.split(separator: "/")
            for segment in decoded.split(separator: "/") {
                if segment == ".." {
                    _ = path.popLast()
                } else if segment != "." {
                    path.append(segment)
                }
            }
            return Relationship(id: id, type: attributes["Type"] ?? "", target: path.joined(separator: "/"))
        }
    }
}

/// Thrown when a part is not well-formed XML.
private struct InvalidXML: Error {
    let line: Int
}

/// Base of the XML handlers: hands subclasses element names without prefix (namespaces are not processed, and some
/// writers prefix the spreadsheet elements: `x:row`, `r:id`) and judges well-formedness strictly: FoundationXML on
/// Linux can return true from `parse()` after reporting an error, and accepts a document cut short.
private class XMLHandler: NSObject, XMLParserDelegate {
    private var depth = 0
    private var sawRoot = false
    private var invalid = false
    private var current: XMLParser?
    /// Why a subclass stopped the parse: its own problem or an error of the caller's.
    private var failure: Error?

    /// Parses `data`, throwing the subclass's failure, or `InvalidXML`.
    final func parse(_ data: Data) throws {
        let parser = XMLParser(data: data)
        parser.delegate = self
        current = parser
        defer { current = nil }
        let parsed = parser.parse()
        if let failure { throw failure }
        guard parsed, !invalid, parser.parserError == nil, sawRoot, depth == 0 else {
            throw InvalidXML(line: parser.lineNumber)
        }
    }

    /// Stops parsing; `parse` throws `error`.
    final func stop(_ error: Error) {
        failure = error
        current?.abortParsing()
    }

    func start(_ element: String, _ attributes: [String: String]) {}
    func end(_ element: String) {}
    func text(_ string: String) {}

    private static func localName(_ qualified: String) -> String {
        guard let colon = qualified.lastIndex(of: ":") else { return qualified }
        return String(qualified[qualified.index(after: colon)...])
    }

    final func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                      qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard failure == nil, !invalid else { return }
        depth += 1
        sawRoot = true
        var attributes: [String: String] = [:]
        for (key, value) in attributeDict where !key.hasPrefix("xmlns") { attributes[Self.localName(key)] = value }
        start(Self.localName(elementName), attributes)
    }

    final func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                      qualifiedName qName: String?) {
        guard failure == nil, !invalid else { return }
        depth -= 1
        end(Self.localName(elementName))
    }

    final func parser(_ parser: XMLParser, foundCharacters string: String) {
        if failure == nil, !invalid { text(string) }
    }

    final func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if failure == nil, !invalid { text(String(decoding: CDATABlock, as: UTF8.self)) }
    }

    final func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        // libxml2 would recover and go on; rows read from a damaged sheet are not to be trusted.
        invalid = true
        parser.abortParsing()
    }
}

/// The cell styles that show a number as a date, and from which day the serial numbers count.
struct DateStyles {
    let indexes: Set<Int>
    let uses1904: Bool
}

/// `xl/styles.xml`: the number format of each cell style (`<cellXfs><xf numFmtId="14"/>`, in order: a cell's `s` is an
/// index into them) and the workbook's own formats (`<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>`).
private final class StylesHandler: XMLHandler {
    private(set) var cellFormats: [Int] = []
    private(set) var customFormats: [Int: String] = [:]
    private var inCellFormats = false

    override func start(_ element: String, _ attributes: [String: String]) {
        switch element {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customFormats[id] = code }
        case "cellXfs": inCellFormats = true
        // `cellStyleXfs` holds xf elements too: only those of `cellXfs` are the cells' styles.
        case "xf" where inCellFormats: cellFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    override func end(_ element: String) {
        if element == "cellXfs" { inCellFormats = false }
    }
}

/// Excel's dates: which number formats show a date, and the day a serial number stands for.
enum ExcelDate {
    /// Built-in formats with a date (ECMA-376 part 1, 18.8.30): 14–17 and 22 (`m/d/yyyy`, `d-mmm-yy`, `mmm-yy`,
    /// `m/d/yyyy h:mm`, shown in the reader's locale, `dd/mm/jjjj` in Belgium), and 27–36 and 50–58, the East Asian
    /// dates. Times of day alone (18–21, 45–47) are not dates.
    static let builtInDates: Set<Int> = Set([14, 15, 16, 17, 22] + Array(27...36) + Array(50...58))

    static func isDate(format id: Int, custom: [Int: String]) -> Bool {
        if let code = custom[id] { return isDate(code: code) }
        return builtInDates.contains(id)
    }

    /// Whether a format code shows a date: it has a day or year part (`d`, `y`; `m` alone may be minutes) outside
    /// quoted text (`"jaar "`), escaped characters (`\d`) and brackets (`[Red]`, `[$-813]`, `[h]`). Japanese era
    /// years (`e`, `g`) are not looked for: `e` is also the exponent of `0.00E+00`.
    static func isDate(code: String) -> Bool {
        var inQuote = false, inBracket = false, escaped = false
        // Only the first section counts: it is the one positive numbers (every date) are shown with.
        for c in code.lowercased() {
            if escaped { escaped = false; continue }
            switch c {
            case "\"" : inQuote.toggle()
            case "\\" where !inQuote: escaped = true
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            case _ where inQuote || inBracket: break
            case ";": return false
            case "d", "y": return true
            default: break
            }
        }
        return false
    }

    /// `43830` → `2019-12-31`, `43830.3541666667` → `2019-12-31T08:30:00`; nil for what is no day (a negative serial,
    /// 0 and 60 in the 1900 system, which are 0 January and 29 February 1900: days Excel counts that never were).
    static func text(serial: Double, uses1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 3_000_000 else { return nil }
        var days = Int(serial.rounded(.down))
        // Seconds, rounded: Excel keeps a time as a fraction of a day, so 08:30 is 0.354166666…
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds == 86_400 { days += 1; seconds = 0 }
        let day: Day
        if uses1904 {
            day = Day(ordinal: Day(year: 1904, month: 1, day: 1).ordinal + days)
        } else {
            // Excel counts 1900 as a leap year (as Lotus 1-2-3 did): from 1 March 1900 on, serial n is n − 1 days
            // after 31 December 1899.
            guard days != 0, days != 60 else { return nil }
            day = Day(ordinal: Day(year: 1899, month: 12, day: 31).ordinal + (days < 60 ? days : days - 1))
        }
        guard seconds > 0 else { return day.description }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day)T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }
}

/// Collects the attributes of the elements with the given names, for the small package files.
private final class XMLElements: XMLHandler {
    private let names: Set<String>
    private var found: [[String: String]] = []

    private init(_ names: Set<String>) { self.names = names }

    static func collect(_ names: Set<String>, in data: Data) throws -> [[String: String]] {
        let handler = XMLElements(names)
        try handler.parse(data)
        return handler.found
    }

    override func start(_ element: String, _ attributes: [String: String]) {
        if names.contains(element) { found.append(attributes) }
    }
}

/// Text of a string item (`<si>` in the shared strings, `<is>` in a cell): its `<t>` elements joined, leaving out
/// phonetic guides (`<rPh>`, Japanese readings), with Excel's `_xHHHH_` escapes decoded.
private struct StringItem {
    private var text = ""
    private var inText = false
    private var phoneticDepth = 0

    mutating func start(_ element: String) {
        if element == "rPh" { phoneticDepth += 1 } else if element == "t", phoneticDepth == 0 { inText = true }
    }

    mutating func end(_ element: String) {
        if element == "rPh" { phoneticDepth -= 1 } else if element == "t" { inText = false }
    }

    mutating func characters(_ string: String) {
        if inText { text += string }
    }

    /// Excel writes characters XML cannot hold (and `_` before such a pattern) as `_xHHHH_`: `_x000D_` is a carriage
    /// return, `_x005F_` an underscore.
    var value: String {
        guard text.contains("_x") else { return text }
        var result = ""
        var rest = text[...]
        while let range = rest.range(of: "_x") {
            result += rest[..<range.lowerBound]
            let code = rest[range.upperBound...].prefix(5)
            if code.count == 5, code.last == "_", code.dropLast().allSatisfy(\.isHexDigit),
               let scalar = UInt32(code.dropLast(), radix: 16).flatMap(Unicode.Scalar.init) {
                result.unicodeScalars.append(scalar)
                rest = rest[range.upperBound...].dropFirst(5)
            } else {
                result += "_x"
                rest = rest[range.upperBound...]
            }
        }
        return result + rest
    }
}

private final class SharedStringsHandler: XMLHandler {
    private(set) var strings: [String] = []
    private var item: StringItem?

    override func start(_ element: String, _ attributes: [String: String]) {
        if element == "si" { item = StringItem() } else { item?.start(element) }
    }

    override func end(_ element: String) {
        if element == "si", let done = item {
            strings.append(done.value)
            item = nil
        } else {
            item?.end(element)
        }
    }

    override func text(_ string: String) { item?.characters(string) }
}

/// A problem in a sheet, at a row and column.
private struct SheetProblem: Error {
    let row, column: Int
    let message: String
}

/// Turns `<sheetData>` into rows as the parser goes: `<row r="5">`, `<c r="B5" t="s"><v>3</v></c>`.
private final class SheetHandler: XMLHandler {
    /// Excel's last column is XFD.
    static let maxColumn = 16_384

    private let sharedStrings: [String]
    private let dateStyles: DateStyles
    private let emit: (TableRow) throws -> Void
    /// The current (or last) row number.
    private(set) var row = 0

    private var cells: [String] = []
    private var column = 0
    private var type = "n"
    /// The cell's style (`s`), an index into the workbook's cell formats.
    private var style = 0
    private var value = ""
    private var inValue = false
    private var inlineString: StringItem?

    init(sharedStrings: [String], dateStyles: DateStyles, emit: @escaping (TableRow) throws -> Void) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.emit = emit
    }

    private func problem(_ message: String, column: Int) {
        stop(SheetProblem(row: max(row, 1), column: max(column, 1), message: message))
    }

    override func start(_ element: String, _ attributes: [String: String]) {
        switch element {
        case "row":
            // `r` may be left out: then the row follows the previous one.
            if let r = attributes["r"] {
                guard let number = Int(r), number > 0 else { return problem("invalid row number '\(r)'", column: 1) }
                row = number
            } else {
                row += 1
            }
            cells = []
            column = 0
        case "c":
            // Likewise a cell without `r` follows the previous one.
            if let reference = attributes["r"] {
                guard let number = Self.column(of: reference) else {
                    return problem("invalid cell reference '\(reference)'", column: column + 1)
                }
                column = number
            } else {
                column += 1
            }
            guard column <= Self.maxColumn else { return problem("a cell beyond column XFD", column: column) }
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
            inlineString = nil
        case "v":
            inValue = true
        case "is":
            inlineString = StringItem()
        default:
            inlineString?.start(element)
        }
    }

    override func end(_ element: String) {
        switch element {
        case "v":
            inValue = false
        case "c":
            guard column > 0 else { return }
            do {
                let text = try cellText()
                if !text.isEmpty {
                    if cells.count < column { cells += Array(repeating: "", count: column - cells.count) }
                    cells[column - 1] = text
                }
            } catch {
                stop(error)
            }
        case "row":
            // A row with only formatting (a height, a styled empty cell) is no row, like a blank line in a CSV.
            guard !cells.isEmpty else { return }
            do {
                try emit(TableRow(cells: cells, line: row, columns: Array(1...cells.count)))
            } catch {
                stop(error)
            }
        default:
            inlineString?.end(element)
        }
    }

    override func text(_ string: String) {
        if inValue { value += string } else { inlineString?.characters(string) }
    }

    /// The cell's text by its type. Numbers (`n`, or no type) keep the digits of `<v>` as they are (a percentage its
    /// fraction; the mapping decides what they mean), except in a cell formatted as a date: its ISO date.
    private func cellText() throws -> String {
        switch type {
        case "s":
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return "" }
            guard let index = Int(trimmed), sharedStrings.indices.contains(index) else {
                throw SheetProblem(row: row, column: column,
                                   message: "the cell refers to shared string \(trimmed), which the workbook does not have")
            }
            return sharedStrings[index]
        case "inlineStr":
            return inlineString?.value ?? value
        case "b":
            switch value.trimmingCharacters(in: .whitespaces) {
            case "1": return "TRUE"
            case "0": return "FALSE"
            case let other: return other
            }
        case "str":
            return value  // a formula's text result: kept as is, spaces included
        case "n":
            let number = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if dateStyles.indexes.contains(style), let serial = Double(number),
               let date = ExcelDate.text(serial: serial, uses1904: dateStyles.uses1904) {
                return date
            }
            return number
        default:
            // e (error such as #N/A), d (an ISO 8601 date, rarely written).
            return value.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// The 1-based column of a cell reference: `A1` → 1, `Z9` → 26, `AA10` → 27. Nil when it is not one.
    static func column(of reference: String) -> Int? {
        var number = 0
        var letters = 0
        var digits = 0
        for scalar in reference.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A:  // A–Z, a–z
                guard digits == 0, letters < 3 else { return nil }
                number = number * 26 + Int(scalar.value & 0x1F)
                letters += 1
            case 0x24: continue  // `$` of an absolute reference
            case 0x30...0x39:
                guard letters > 0 else { return nil }
                digits += 1
            default:
                return nil
            }
        }
        return letters > 0 ? number : nil
    }
}
