import Foundation
import KoersCore
import KoersTestSupport
@testable import KoersImport
import Testing
import ZIPFoundation

/// The fixtures come from scripts/make-xlsx-fixtures.py (openpyxl, touched up to look like Excel's output); the
/// odd cases no such library writes are hand-made ZIPs built below.
@Suite struct XLSXReaderTests {
    // MARK: - Fixtures made with openpyxl

    @Test func longTableWithSharedStringsNumbersFormulaAndError() throws {
        let rows = try read(XLSXReader(url: fixture("long"), name: "long.xlsx"))
        #expect(rows == [
            row(1, ["indicator", "region", "period", "value"]),
            row(2, ["bevolking", "11002", "2020", "1200945"]),
            // openpyxl stores 75.4 with 16 significant digits; the reader passes the digits on as written.
            row(3, ["werkloosheidsgraad", "11002", "2020", "75.40000000000001"]),
            row(4, ["werkloosheidsgraad", "Liège", "2021", "1234.5"]),
            row(5, ["bevolking_dubbel", "11002", "2020", "2401890"]),  // =D2*2, its cached value
            row(6, ["bevolking", "21004", "2021", "#N/A"]),
            row(7, ["aandeel", "21004", "2021", "0.1"]),
        ])
        #expect(rows.dropFirst(3).first?.location(ofCell: 3, file: "long.xlsx")
            == Location(file: "long.xlsx", line: 4, column: 4))
    }

    @Test func firstSheetInWorkbookOrderByDefault() throws {
        let reader = XLSXReader(url: try fixture("wide"), name: "wide.xlsx")
        #expect(try reader.sheetNames() == ["Toelichting", "Bevolking"])
        #expect(try read(reader) == [row(1, ["Bevolking op 1 januari"]), row(2, ["Bron: Statbel"])])
    }

    @Test func sheetByNameWithEmptyCellInTheMiddle() throws {
        let rows = try read(XLSXReader(url: fixture("wide"), name: "wide.xlsx", sheet: "Bevolking"))
        #expect(rows == [
            row(1, ["gemeente", "2019", "2020", "2021"]),
            row(2, ["Antwerpen", "523248", "529247", "530504"]),
            row(3, ["Gent", "262219", "", "263927"]),
            row(4, ["Kortrijk", "76735", "77109", "77741"]),
        ])
    }

    @Test func unknownSheetListsTheSheetsThatExist() throws {
        let reader = XLSXReader(url: try fixture("wide"), name: "wide.xlsx", sheet: "bevolking")
        let error = #expect(throws: DataFileError.self) { try read(reader) }
        #expect(error?.diagnostics == [Diagnostic(
            file: "wide.xlsx", line: 1, column: 1,
            message: "the workbook has no sheet named 'bevolking'; its sheets are 'Toelichting', 'Bevolking'")])
    }

    @Test func sparseSheetKeepsColumnsAndSkipsEmptyRows() throws {
        let rows = try read(XLSXReader(url: fixture("sparse"), name: "sparse.xlsx"))
        #expect(rows == [
            TableRow(cells: ["naam", "actief", "", "datum"], line: 1, columns: [1, 2, 3, 4]),
            // A date-formatted serial (43831) reads as its ISO date; the styled but empty E2 is no cell.
            TableRow(cells: ["Zwevegem", "TRUE", "", "2020-01-01"], line: 2, columns: [1, 2, 3, 4]),
            // Row 3 is in the XML with a height and a styled empty cell, but holds no value.
            TableRow(cells: ["", "Kortrijk", "FALSE"], line: 4, columns: [1, 2, 3]),  // rich text runs joined
        ])
    }

    // MARK: - Hand-made workbooks

    @Test func sheetPathsComeFromTheRelationshipsNotTheFileNames() throws {
        let folder = try TemporaryFolder()
        let url = try write(Self.handmade(), to: folder, as: "handmade.xlsx")
        let reader = XLSXReader(url: url, name: "handmade.xlsx")
        #expect(try reader.sheetNames() == ["Eerste", "Tweede"])
        #expect(try read(XLSXReader(url: url, name: "handmade.xlsx", sheet: "Tweede")) == [row(1, ["tweede blad"])])
    }

    @Test func cellTypesOfHandMadeSheet() throws {
        let folder = try TemporaryFolder()
        let url = try write(Self.handmade(), to: folder, as: "handmade.xlsx")
        let rows = try read(XLSXReader(url: url, name: "handmade.xlsx"))
        #expect(rows == [
            // Shared string without its phonetic guide; inline runs; more digits than a Double holds; a formula
            // never calculated (no <v>) is ""; a formula's text result keeps its spaces; an error; a boolean.
            row(2, ["Kortrijk", "Zwevegem ", "12345678901234567890", "", " tekst ", "#DIV/0!", "FALSE"]),
            row(3, ["regel 1\r\nregel 2", "_x000D_"]),  // no `r` on row or cells: they follow the previous ones
            row(10, Array(repeating: "", count: 26) + ["1E-3"]),  // column AA
        ])
    }

    @Test func dateFormattedSerialsReadAsDays() throws {
        let folder = try TemporaryFolder()
        // Styles 1–5: built-in date 14, custom dd/mm/yyyy, custom 0.0"d" (a number with a quoted d), built-in
        // date-time 22, built-in scientific 11. Style 0 is General.
        let cells = [(0, "43831"), (1, "43831"), (2, "43830.3541666667"), (3, "43831"), (4, "43830.3541666667"),
                     (5, "43831"), (1, "60"), (1, "-3")]
            .enumerated().map { "<c r=\"\(String(UnicodeScalar(UInt8(65 + $0.offset))))1\" s=\"\($0.element.0)\"><v>\($0.element.1)</v></c>" }
            .joined()
        let url = try write(Self.minimal(sheet: "<worksheet><sheetData><row r=\"1\">\(cells)</row></sheetData></worksheet>")
                            + [(path: "xl/styles.xml", text: Self.dateStyles)], to: folder, as: "dates.xlsx")
        #expect(try read(XLSXReader(url: url, name: "dates.xlsx")) == [row(1, [
            "43831", "2020-01-01", "2019-12-31T08:30:00", "43831", "2019-12-31T08:30:00", "43831",
            "60", "-3",  // 29 February 1900 never was; a negative serial is no day: both keep the number
        ])])
    }

    @Test func workbooksOfTheOldMacCountFrom1904() throws {
        let folder = try TemporaryFolder()
        var files = Self.minimal(sheet: "<worksheet><sheetData><row r=\"1\"><c s=\"1\"><v>0</v></c><c s=\"1\"><v>42369</v></c></row></sheetData></worksheet>")
        files[0].text = files[0].text.replacingOccurrences(of: "<sheets>", with: "<workbookPr date1904=\"1\"/><sheets>")
        let url = try write(files + [(path: "xl/styles.xml", text: Self.dateStyles)], to: folder, as: "mac.xlsx")
        #expect(try read(XLSXReader(url: url, name: "mac.xlsx")) == [row(1, ["1904-01-01", "2020-01-01"])])
    }

    @Test(arguments: [
        (43830.0, "2019-12-31"), (43830.3541666667, "2019-12-31T08:30:00"), (1, "1900-01-01"), (59, "1900-02-28"),
        (61, "1900-03-01"), (43830.99999999, "2020-01-01"),
    ] as [(Double, String)])
    func serialsOfThe1900System(serial: Double, day: String) {
        #expect(ExcelDate.text(serial: serial, uses1904: false) == day)
    }

    @Test func serialsThatAreNoDay() {
        #expect(ExcelDate.text(serial: 0, uses1904: false) == nil)
        #expect(ExcelDate.text(serial: 60, uses1904: false) == nil)
        #expect(ExcelDate.text(serial: -1, uses1904: false) == nil)
        #expect(ExcelDate.text(serial: .infinity, uses1904: false) == nil)
        #expect(ExcelDate.text(serial: 0, uses1904: true) == "1904-01-01")
    }

    @Test(arguments: [
        ("dd/mm/yyyy", true), ("[$-813]d mmmm yyyy", true), ("mmm-yy", true), ("yyyy\"Q\"q", true),
        ("\"jaar \"0", false), ("0.00E+00", false), ("[h]:mm", false), ("\\d0", false), ("hh:mm:ss", false),
        ("0;[Red]-0;\"d\"", false), ("General", false), ("#,##0.0", false),
    ] as [(String, Bool)])
    func formatCodesWithADate(code: String, isDate: Bool) {
        #expect(ExcelDate.isDate(code: code) == isDate)
    }

    @Test func errorsOfTheCallerPassThroughAndStopReading() throws {
        struct Stop: Error {}
        var seen: [Int] = []
        #expect(throws: Stop.self) {
            try XLSXReader(url: fixture("long"), name: "long.xlsx").forEachRow { row in
                seen.append(row.line)
                if row.line == 2 { throw Stop() }
            }
        }
        #expect(seen == [1, 2])
    }

    @Test(arguments: [
        ("<c r=\"A1\" t=\"s\"><v>7</v></c>", 1, 1, "the cell refers to shared string 7, which the workbook does not have"),
        ("<c r=\"1A\"><v>1</v></c>", 1, 1, "invalid cell reference '1A'"),
        ("<c r=\"B1\"><v>1</v></c></row><row r=\"x\">", 1, 1, "invalid row number 'x'"),
    ])
    func damagedCells(cell: String, line: Int, column: Int, message: String) throws {
        let folder = try TemporaryFolder()
        let sheet = "<worksheet><sheetData><row r=\"1\">\(cell)</row></sheetData></worksheet>"
        let url = try write(Self.minimal(sheet: sheet), to: folder, as: "bad.xlsx")
        let error = #expect(throws: DataFileError.self) { try read(XLSXReader(url: url, name: "bad.xlsx")) }
        #expect(error?.diagnostics == [Diagnostic(file: "bad.xlsx", line: line, column: column, message: message)])
    }

    @Test(arguments: [
        "<worksheet><sheetData><row r=\"1\"><c><v>1</v></row></sheetData></worksheet>",  // <c> never closed
        "<worksheet><sheetData><row r=\"1\"><c><v>1</v></c>",                            // cut short
        "",
    ])
    func sheetThatIsNotXML(sheet: String) throws {
        let folder = try TemporaryFolder()
        let url = try write(Self.minimal(sheet: sheet), to: folder, as: "bad.xlsx")
        var rows: [TableRow] = []
        let error = #expect(throws: DataFileError.self) {
            try XLSXReader(url: url, name: "bad.xlsx").forEachRow { rows.append($0) }
        }
        #expect(error?.diagnostics.first?.message.hasPrefix(
            "the sheet 'Blad1' is damaged: xl/worksheets/sheet1.xml is not well-formed XML (near its line ") == true)
        #expect(rows == [])
    }

    @Test(arguments: [
        ("xl/worksheets/sheet1.xml", nil, "the workbook lists the sheet 'Blad1' but the file does not hold it (no xl/worksheets/sheet1.xml)"),
        ("xl/_rels/workbook.xml.rels", nil, "the workbook lists the sheet 'Blad1' but the file does not hold it"),
        ("xl/workbook.xml", "<workbook><sheets/></workbook>", "the workbook has no sheets"),
        ("xl/workbook.xml", "<workbook><sheets>", "the workbook is damaged: xl/workbook.xml is not well-formed XML"),
        ("xl/_rels/workbook.xml.rels", "<Relationships>", "the workbook is damaged: a relationships file is not well-formed XML"),
        ("xl/sharedStrings.xml", "<sst><si><t>a</si></sst>", "the workbook is damaged: xl/sharedStrings.xml is not well-formed XML"),
    ] as [(String, String?, String)])
    func damagedWorkbook(part: String, replacement: String?, message: String) throws {
        let folder = try TemporaryFolder()
        var files = Self.minimal(sheet: "<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row></sheetData></worksheet>")
        files.removeAll { $0.path == part }
        if let replacement { files.append((path: part, text: replacement)) }
        let url = try write(files, to: folder, as: "bad.xlsx")
        #expect(try failure(url) == [message])
    }

    /// A workbook whose sheet is 64 MB of one repeated row, deflated to some 100 KB: more than 200 times its packed
    /// size, so it is refused after the first megabytes instead of filling memory; a real sheet reads.
    @Test func aZIPBombIsRefusedWhileItUnpacks() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("bom.xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        let row = Data("<row r=\"1\"><c><v>1</v></c></row>".utf8)
        var sheet = Data("<worksheet><sheetData>".utf8)
        while sheet.count < 64 << 20 { sheet.append(row) }
        sheet.append(Data("</sheetData></worksheet>".utf8))
        var files = Self.minimal(sheet: "")
        files.removeAll { $0.path == "xl/worksheets/sheet1.xml" }
        for (path, text) in files {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(sheet.count), compressionMethod: .deflate) { position, size in
            sheet.subdata(in: Int(position)..<Int(position) + size)
        }
        let packed = try #require(Archive(url: url, accessMode: .read)?["xl/worksheets/sheet1.xml"]?.compressedSize)
        #expect(packed * 200 < UInt64(sheet.count), "the test's sheet must pack beyond the bound")
        let problems = try failure(url)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("xl/worksheets/sheet1.xml unpacks to more than 200 times its packed size") == true, "\(problems)")
    }

    @Test func changedBytesFailTheChecksum() throws {
        let folder = try TemporaryFolder()
        let zip = StoredZIP.make(Self.minimal(sheet: "<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row></sheetData></worksheet>"))
        // The entries are stored, not compressed: the value can be changed in place, leaving valid XML.
        var bytes = [UInt8](zip)
        let value = Array("<v>1</v>".utf8)
        let at = try #require((0...(bytes.count - value.count)).first { Array(bytes[$0..<$0 + value.count]) == value })
        bytes[at + 3] = UInt8(ascii: "7")
        let url = try write(Data(bytes), to: folder, as: "changed.xlsx")
        #expect(try failure(url) == ["the ZIP archive is damaged: xl/worksheets/sheet1.xml fails its checksum"])
    }

    // MARK: - Files that are no workbook

    @Test func randomBytesAreNoZIP() throws {
        let folder = try TemporaryFolder()
        var generator = SplitMix(seed: 42)
        let bytes = (0..<4096).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let url = try write(Data(bytes), to: folder, as: "random.xlsx")
        #expect(try failure(url) == ["not an XLSX file (no ZIP archive)"])
    }

    @Test func zipWithoutWorkbook() throws {
        let folder = try TemporaryFolder()
        let url = try write([(path: "word/document.xml", text: "<document/>"), (path: "hello.txt", text: "hallo")],
                            to: folder, as: "document.xlsx")
        #expect(try failure(url) == ["not an XLSX file (a ZIP archive without xl/workbook.xml)"])
    }

    @Test func oldExcelFormat() throws {
        let folder = try TemporaryFolder()
        let header: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        let url = try write(Data(header + [UInt8](repeating: 0, count: 504)), to: folder, as: "old.xls")
        #expect(try failure(url) == ["not an XLSX file: this is an old .xls workbook or a password-protected one; "
            + "save it as .xlsx without a password"])
    }

    @Test func missingFile() throws {
        let folder = try TemporaryFolder()
        #expect(try failure(folder.url.appendingPathComponent("nothing.xlsx")) == ["cannot open the file"])
    }

    @Test(arguments: [0, 100, 2000, -22, -1])
    func truncatedDownload(keep: Int) throws {
        let whole = try Data(contentsOf: fixture("long"))
        let folder = try TemporaryFolder()
        let url = try write(whole.prefix(keep >= 0 ? keep : whole.count + keep), to: folder, as: "cut.xlsx")
        #expect(try failure(url).first?.hasPrefix("not an XLSX file") == true)
    }

    // MARK: - Helpers

    private func fixture(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: name, withExtension: "xlsx", subdirectory: "Fixtures/xlsx"))
    }

    private func read(_ reader: XLSXReader) throws -> [TableRow] {
        var rows: [TableRow] = []
        try reader.forEachRow { rows.append($0) }
        return rows
    }

    /// A row whose cells are columns 1...n, as every XLSX row is.
    private func row(_ line: Int, _ cells: [String]) -> TableRow {
        TableRow(cells: cells, line: line, columns: Array(1...cells.count))
    }

    /// The messages of the DataFileError reading `url` throws; fails the test when it throws none or another error.
    private func failure(_ url: URL) throws -> [String] {
        do {
            _ = try read(XLSXReader(url: url, name: url.lastPathComponent))
        } catch let error as DataFileError {
            return error.diagnostics.map(\.message)
        }
        Issue.record("reading \(url.lastPathComponent) did not fail")
        return []
    }

    private func write(_ data: Data, to folder: TemporaryFolder, as name: String) throws -> URL {
        let url = folder.url.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    private func write(_ files: [(path: String, text: String)], to folder: TemporaryFolder, as name: String) throws -> URL {
        try write(StoredZIP.make(files), to: folder, as: name)
    }

    private static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRels = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// A workbook with one sheet `Blad1` at the usual place and the given sheet XML.
    /// Cell formats for the date tests: General, built-in date 14, custom `dd/mm/yyyy`, custom `0.0"d"`, built-in
    /// date-time 22, built-in scientific 11.
    static let dateStyles = """
        <styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>\
        <numFmt numFmtId="165" formatCode="0.0&quot;d&quot;"/></numFmts><cellXfs count="6"><xf numFmtId="0"/>\
        <xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/><xf numFmtId="11"/></cellXfs>\
        </styleSheet>
        """

    static func minimal(sheet: String) -> [(path: String, text: String)] {
        [
            ("xl/workbook.xml", "<workbook xmlns:r=\"\(rels)\"><sheets><sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"\(packageRels)\"><Relationship Id=\"rId1\" Type=\"\(rels)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
    }

    /// What some non-Excel writers produce: prefixed elements, the first tab stored as `data.xml` and the second as
    /// `sheet1.xml`, rows and cells without `r`, phonetic guides, `_xHHHH_` escapes, an uncalculated formula.
    static func handmade() -> [(path: String, text: String)] {
        [
            ("_rels/.rels", """
                <Relationships xmlns="\(packageRels)"><Relationship Id="rId1" Type="\(rels)/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """),
            ("xl/workbook.xml", """
                <x:workbook xmlns:x="\(main)" xmlns:r="\(rels)"><x:sheets>
                  <x:sheet name="Eerste" sheetId="2" r:id="rId7"/>
                  <x:sheet name="Tweede" sheetId="1" r:id="rId3"/>
                </x:sheets></x:workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <Relationships xmlns="\(packageRels)">
                  <Relationship Id="rId3" Type="\(rels)/worksheet" Target="/xl/worksheets/sheet1.xml"/>
                  <Relationship Id="rId7" Type="\(rels)/worksheet" Target="worksheets/data.xml"/>
                  <Relationship Id="rId9" Type="\(rels)/sharedStrings" Target="./strings/../sharedStrings.xml"/>
                </Relationships>
                """),
            ("xl/sharedStrings.xml", """
                <x:sst xmlns:x="\(main)">
                  <x:si><x:r><x:t>Kort</x:t></x:r><x:r><x:t>rijk</x:t></x:r><x:rPh sb="0" eb="1"><x:t>KO</x:t></x:rPh></x:si>
                  <x:si><x:t>regel 1_x000D_
                regel 2</x:t></x:si>
                  <x:si><x:t>_x005F_x000D_</x:t></x:si>
                </x:sst>
                """),
            ("xl/worksheets/data.xml", """
                <x:worksheet xmlns:x="\(main)"><x:sheetData>
                  <x:row r="2">
                    <x:c r="A2" t="s"><x:v>0</x:v></x:c>
                    <x:c r="B2" t="inlineStr"><x:is><x:r><x:t>Zwe</x:t></x:r><x:r><x:t xml:space="preserve">vegem </x:t></x:r></x:is></x:c>
                    <x:c r="C2"><x:v>12345678901234567890</x:v></x:c>
                    <x:c r="D2"><x:f>A1+1</x:f></x:c>
                    <x:c r="E2" t="str"><x:f>" tekst "</x:f><x:v> tekst </x:v></x:c>
                    <x:c r="F2" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c>
                    <x:c r="G2" t="b"><x:v>0</x:v></x:c>
                  </x:row>
                  <x:row><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row>
                  <x:row r="7" customHeight="1" ht="20"/>
                  <x:row r="10"><x:c r="AA10" s="3"><x:v>1E-3</x:v></x:c><x:c r="AB10" s="3"/></x:row>
                </x:sheetData></x:worksheet>
                """),
            ("xl/worksheets/sheet1.xml", """
                <worksheet xmlns="\(main)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>tweede blad</t></is></c></row></sheetData></worksheet>
                """),
        ]
    }
}

/// A ZIP archive of uncompressed entries, enough for hand-made workbooks without a ZIP library in the tests.
private enum StoredZIP {
    static func make(_ files: [(path: String, text: String)]) -> Data {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for (path, text) in files {
            let name = Array(path.utf8)
            let body = Array(text.utf8)
            let offset = out.count
            var common: [UInt8] = []  // version needed … name length, shared by both headers
            common += u16(20) + u16(0x0800) + u16(0) + u16(0) + u16(0x21)  // UTF-8 names, stored, 1980-01-01
            common += u32(crc32(body)) + u32(body.count) + u32(body.count) + u16(name.count) + u16(0)
            out += u32(0x0403_4B50) + common + name + body
            central += u32(0x0201_4B50) + u16(20) + common
            central += u16(0) + u16(0) + u16(0) + u32(0) + u32(offset) + name
        }
        let start = out.count
        out += central
        out += u32(0x0605_4B50) + u16(0) + u16(0) + u16(files.count) + u16(files.count)
        out += u32(central.count) + u32(start) + u16(0)
        return Data(out)
    }

    private static func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }

    private static func u32<T: BinaryInteger>(_ v: T) -> [UInt8] {
        let n = UInt32(truncatingIfNeeded: v)
        return [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)]
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

/// A seeded generator, so the "random" file is the same on every run.
private typealias SplitMix = SplitMix64
