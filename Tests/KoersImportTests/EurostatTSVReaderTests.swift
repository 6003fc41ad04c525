import Foundation
import KoersCore
import KoersImport
import KoersTestSupport
import Testing

private func read(_ bytes: [UInt8], name: String) throws -> [SourceRecord] {
    try EurostatTSVReader().records(bytes, name: name)
}

private func read(_ text: String, name: String = "inline.tsv") throws -> [SourceRecord] {
    try read(Array(text.utf8), name: name)
}

private func readShared(_ file: String) throws -> [SourceRecord] {
    try read([UInt8](Data(contentsOf: SharedFolder.url("reference/indicators/eurostat_tsv/\(file)"))), name: file)
}

/// The Eurostat TSV reader against the Belgian extracts in ../shared/reference/indicators/eurostat_tsv; expected
/// values were read off the files.
@Suite(.enabled(if: SharedFolder.shouldRun, "needs ../shared"))
struct EurostatTSVReaderTests {
    /// Data lines × period columns (`wc -l` minus the header; `awk -F'\t' '{print NF}'` is 11 or 6 on every line),
    /// and the missing cells counted with `cut -f2- | tr '\t' '\n' | grep -c '^:'`.
    @Test(arguments: [
        ("demo_r_pjanaggr3_BE.tsv", 1005 * 10, 600),
        ("reg_area3_BE.tsv", 67 * 10, 80),
        ("tour_occ_nin2_BE.tsv", 177 * 5, 424),
    ])
    func realFileRecordCounts(_ file: String, _ count: Int, _ missing: Int) throws {
        let records = try readShared(file)
        #expect(records.count == count)
        #expect(records.filter { $0.value == .missing }.count == missing)
        #expect(records.allSatisfy { $0.indicator == nil && $0.location.file == file })
    }

    @Test func population() throws {
        // Line 2: A,NR,F,TOTAL,BE<tab>5741853 <tab>… under 2016 … 2025.
        let records = try readShared("demo_r_pjanaggr3_BE.tsv")
        let first = records[0]
        #expect(first.region == "BE")
        #expect(first.period == "2016")
        #expect(first.breakdown == ["freq": "A", "unit": "NR", "sex": "F", "age": "TOTAL"])
        #expect(first.value == .text("5741853"))
        #expect(first.flags.isEmpty)
        #expect(first.location == Location(file: "demo_r_pjanaggr3_BE.tsv", line: 2, column: 17))
        // The last cell of the line, before its CR LF.
        #expect((records[9].period, records[9].value) == ("2025", .text("6012626")))
    }

    @Test func missingWithFlag() throws {
        // Line 12: A,TOTAL,KM2,BE221, 909 for 2017–2020, then `: m`.
        let records = try readShared("reg_area3_BE.tsv").filter { $0.region == "BE221" }
        #expect(records.map(\.period) == ["2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"])
        #expect(records[3].value == .text("909") && records[3].flags.isEmpty)
        #expect(records[4].value == .missing)
        #expect(records[4].flags == ["m"])
        #expect(records[4].breakdown == ["freq": "A", "landuse": "TOTAL", "unit": "KM2"])
        #expect(records[4].location == Location(file: "reg_area3_BE.tsv", line: 12, column: 39))
    }

    @Test func confidentialityStatus() throws {
        // Line 8: A,DOM,NR,I551-I553,BE211 and `: @C` (confidential) in every year.
        let records = try readShared("tour_occ_nin2_BE.tsv")
        let record = try #require(records.first { $0.region == "BE211" })
        #expect(record.period == "2020")
        #expect(record.value == .missing)
        #expect(record.flags == ["C"])
        #expect(record.breakdown == ["freq": "A", "c_resid": "DOM", "unit": "NR", "nace_r2": "I551-I553"])
        #expect(record.location == Location(file: "tour_occ_nin2_BE.tsv", line: 8, column: 26))
        // Line 2: the national total for 2024.
        #expect((records[4].region, records[4].period, records[4].value) == ("BE", "2024", .text("22563809")))
    }
}

/// Inline Eurostat TSV: cell notations and files the reader must refuse.
struct EurostatTSVInlineTests {
    @Test(arguments: [
        ("123.4", SourceValue.text("123.4"), [String]()),
        ("123.4 p", .text("123.4"), ["p"]),
        ("12 e", .text("12"), ["e"]),
        ("5 bep", .text("5"), ["b", "e", "p"]),
        ("-3.5 ", .text("-3.5"), []),
        (":", .missing, []),
        (": ", .missing, []),
        (": c", .missing, ["c"]),
        (":c", .missing, ["c"]),
        (": @C", .missing, ["C"]),
        ("7 p@C", .text("7"), ["p", "C"]),
        ("", .missing, []),
    ])
    func cellNotations(_ cell: String, _ value: SourceValue, _ flags: [String]) throws {
        let records = try read("freq,geo\\TIME_PERIOD\t2020M07 \nA,BE\t\(cell)\n")
        #expect(records.count == 1)
        #expect(records.first?.value == value)
        #expect(records.first?.flags == flags)
        #expect(records.first?.period == "2020M07")
        #expect(records.first?.region == "BE")
        #expect(records.first?.breakdown == ["freq": "A"])
    }

    @Test(arguments: [
        ("freq,geo\\TIME_PERIOD\t2020 \t2021 \nA,BE\t1 \n", 2, 6,
         "this row has 2 cells but the header has 3 (a key and 2 periods)"),
        ("freq,geo\\TIME_PERIOD\t2020 \nA,BE\t1 \t2 \n", 2, 9,
         "this row has 3 cells but the header has 2 (a key and 1 period)"),
        ("freq,geo,TIME_PERIOD\t2020 \nA,BE\t1 \n", 1, 1,
         #"the first header cell `freq,geo,TIME_PERIOD` should name the key's dimensions and the time dimension, like `freq,unit,geo\TIME_PERIOD`"#),
        ("freq,geo\\TIME_PERIOD\t2020 \nA\t1 \n", 2, 1,
         "the key `A` has 1 part but the header names 2 dimensions (freq,geo)"),
        ("freq,,geo\\TIME_PERIOD\t2020 \n", 1, 1,
         #"dimension 2 in the first header cell `freq,,geo\TIME_PERIOD` has no name"#),
        ("geo\\TIME_PERIOD\t2020 \t \n", 1, 23, "this header cell names no period"),
        ("geo\\TIME_PERIOD\n", 1, 1, "the header has no period columns"),
        ("", 1, 1, "the file is empty"),
    ])
    func badFiles(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let error = try #require(throws: DataFileError.self) { try read(text) }
        #expect(error.diagnostics == [Diagnostic(file: "inline.tsv", line: line, column: column, message: message)])
    }
}
