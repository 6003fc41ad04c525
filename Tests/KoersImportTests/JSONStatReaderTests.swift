import Foundation
import KoersCore
import KoersImport
import KoersTestSupport
import Testing

private func read(_ bytes: [UInt8], name: String) throws -> [SourceRecord] {
    try JSONStatReader().records(bytes, name: name)
}

private func read(_ text: String, name: String = "inline.json") throws -> [SourceRecord] {
    try read(Array(text.utf8), name: name)
}

private func readShared(_ file: String) throws -> [SourceRecord] {
    try read([UInt8](Data(contentsOf: SharedFolder.url("formats/jsonstat/\(file)"))), name: file)
}

/// The JSON-stat reader against the samples in ../shared/formats/jsonstat; expected values were read off the files.
@Suite(.enabled(if: SharedFolder.shouldRun, "needs ../shared"))
struct JSONStatReaderTests {
    /// Expected counts are the products of the category counts (every value is a record, nulls included), or the
    /// number of keys of a sparse `value` object.
    @Test(arguments: [
        ("QS104EW.json", 3),        // sparse: keys 0, 2, 1
        ("cantabria.json", 5400),   // 60 × 3 × 5 × 6
        ("galicia-2.0.json", 3960), // 6 × 22 × 3 × 2 × 5 × 1
        ("oecd-canada.json", 552),  // bundle: 1 × 36 × 12 + 1 × 1 × 20 × 2 × 3
        ("ons.json", 261),          // sparse, 1 × 87 × 3 × 1 × 1 keys
        ("statswe.json", 1120),     // 1 × 1 × 20 × 2 × 1 × 28
        ("us-labor-ds.json", 12880), // 1 × 3220 × 4
    ])
    func realFileRecordCounts(_ file: String, _ count: Int) throws {
        let records = try readShared(file)
        #expect(records.count == count)
        #expect(records.allSatisfy { $0.location.file == file })
    }

    @Test func nullsAreMissing() throws {
        // `grep -o null cantabria.json | wc -l` is 1195; galicia has 4 nulls in `value`.
        #expect(try readShared("cantabria.json").filter { $0.value == .missing }.count == 1195)
        #expect(try readShared("galicia-2.0.json").filter { $0.value == .missing }.count == 4)
    }

    @Test func bundleWithStatusObjectAndSingleStatus() throws {
        let records = try readShared("oecd-canada.json")
        // oecd: concept × area × year; Belgium is area 2, 2003 is year 0: flat index 2 × 12 = 24.
        let belgium = try #require(records.first { $0.region == "BE" && $0.period == "2003" })
        #expect(belgium.indicator == "UNR")
        #expect(belgium.value == .number(8.158333333))
        #expect(belgium.flags.isEmpty)
        #expect(belgium.breakdown.isEmpty)
        #expect(belgium.location == Location(file: "oecd-canada.json", line: 28, column: 324))
        // status {"10": "e"}: Australia (area 0), 2013 (year 10).
        let australia = try #require(records.first { $0.region == "AU" && $0.period == "2013" })
        #expect(australia.value == .number(5.50415003))
        #expect(australia.flags == ["e"])
        // canada: status ["a"] applies to every value; value[6] is age "4", POP, sex T.
        let canada = Array(records[432...])
        #expect(canada.count == 120)
        #expect(canada.allSatisfy { $0.flags == ["a"] && $0.period == "2012" && $0.region == "CA" })
        #expect(canada[6].breakdown == ["age": "4", "sex": "T"])
        #expect(canada[6].indicator == "POP")
        #expect(canada[6].value == .number(1928.8))
        #expect(canada[4].indicator == "PERCENT" && canada[4].breakdown == ["age": "T", "sex": "M"])
        #expect(canada[4].value == .number(100))
    }

    @Test func firstGeoRoleIsTheRegion() throws {
        // role.geo is ["residence", "birth"]: residence is the region, birth a breakdown.
        let records = try readShared("galicia-2.0.json")
        #expect(records[1].region == "15")
        #expect(records[1].period == "2001")
        #expect(records[1].indicator == "pop")
        #expect(records[1].breakdown == ["birth": "T", "age": "T", "gender": "T"])
        #expect(records[1].value == .number(1096027))
        #expect(records[5].region == "T" && records[5].period == "2011" && records[5].value == .number(2772928))
    }

    @Test func sparseValuesAndOpaquePeriodIds() throws {
        let records = try readShared("ons.json")
        // "4": 747 is age index 1 (CI_0000489, under 1) and sex index 1 (CI_0000071, males).
        let record = records[4]
        #expect(record.region == "K04000001")
        #expect(record.indicator == "Segment_1")
        // The time category id is CI_0000001; its label 2011 is the period.
        #expect(record.period == "2011")
        #expect(record.breakdown == ["CL_0000304": "CI_0000489", "CL_0000035": "CI_0000071"])
        #expect(record.value == .number(747))
        #expect(record.location == Location(file: "ons.json", line: 7, column: 11))
    }

    @Test func sizeListShorterThanIdFallsBackOnCategories() throws {
        // QS104EW lists 4 dimensions in `id` but only 3 sizes; the categories say 1 × 3 × 1 × 1.
        let records = try readShared("QS104EW.json")
        #expect(records.map(\.value) == [.number(56075912), .number(27573376), .number(28502536)])
        #expect(records[1].breakdown == ["CL_0000035": "CI_0000071"])
        #expect(records[1].period == "2011" && records[1].region == "K04000001" && records[1].indicator == "Segment_1")
    }

    @Test func dimensionsRecognisedByIdWhenNoRoleSaysSo() throws {
        // statswe has roles for metric and time only; `Region` is recognised by its id. The last value is 137 for
        // age 90+, women (Kon 2), 1996.
        let record = try #require(try readShared("statswe.json").last)
        #expect(record.region == "25")
        #expect(record.period == "1996")
        #expect(record.indicator == "HS0301A1")
        #expect(record.breakdown == ["Dodsorsak": "23-28", "Alder": "90+", "Kon": "2"])
        #expect(record.value == .number(137))
    }

    @Test func datasetWithoutRegion() throws {
        // Last quarter (59 × 90), both sexes, all ages: Población 491.9, Parados 35.7.
        let records = try readShared("cantabria.json")
        #expect(records[5310].region == "")
        #expect(records[5310].period == "2016 - 4")
        #expect(records[5310].indicator == "Población")
        #expect(records[5310].breakdown == ["Sexo": "Ambos sexos", "Grupo de edad": "Total"])
        #expect(records[5310].value == .number(491.9))
        #expect(records[5313].indicator == "Parados" && records[5313].value == .number(35.7))
    }

    @Test func usLaborDataset() throws {
        let records = try readShared("us-labor-ds.json")
        #expect(records[3].region == "01001" && records[3].period == "2012" && records[3].indicator == "unr")
        #expect(records[3].value == .number(6.5))
        #expect(records[0].indicator == "labforce" && records[0].value == .number(25480))
    }

    @Test func collectionThatOnlyLinksIsRefused() throws {
        let error = try #require(throws: DataFileError.self) { try readShared("collection.json") }
        #expect(error.diagnostics.count == 8)
        #expect(error.diagnostics.first == Diagnostic(
            file: "collection.json", line: 9, column: 4,
            message: "collection item 1 (“Unemployment rate in the OECD countries 2003-2014”) only links to its data at https://json-stat.org/samples/oecd.json: only datasets embedded in the collection can be read"))
    }
}

/// Inline JSON-stat: shapes the samples do not cover, and files the reader must refuse.
struct JSONStatInlineTests {
    @Test func collectionWithEmbeddedDatasetSparseValuesAndLabelOrder() throws {
        let text = """
        {"version": "2.0", "class": "collection", "link": {"item": [
          {"class": "dataset", "id": ["jaar", "refnis", "sex"], "size": [1, 2, 2],
           "dimension": {
             "jaar": {"category": {"label": {"2024": "2024"}}},
             "refnis": {"category": {"index": ["21000", "10000"]}},
             "sex": {"category": {"label": {"M": "men", "F": "women"}}}
           },
           "value": {"3": 4.5, "0": null, "1": 2},
           "status": {"1": "p"}}
        ]}}
        """
        let records = try read(text)
        #expect(records.map(\.value) == [.missing, .number(2), .number(4.5)])
        #expect(records.map(\.region) == ["21000", "21000", "10000"])
        #expect(records.map { $0.breakdown["sex"] } == ["M", "F", "F"])  // label order: M before F
        #expect(records.map(\.period) == ["2024", "2024", "2024"])
        #expect(records.map(\.indicator) == [nil, nil, nil])
        #expect(records.map(\.flags) == [[], ["p"], []])
        #expect(records[2].location == Location(file: "inline.json", line: 8, column: 19))
    }

    @Test func statusAsList() throws {
        let text = #"{"class": "dataset", "id": ["time"], "size": [2], "dimension": {"time": {"category": {"index": {"2021": 1, "2020": 0}}}}, "value": [1, 2], "status": [null, "e"]}"#
        let records = try read(text)
        #expect(records.map(\.period) == ["2020", "2021"])
        #expect(records.map(\.flags) == [[], ["e"]])
        #expect(records.map(\.region) == ["", ""])
    }

    @Test(arguments: [
        // Truncated file: the list that is never closed.
        (#"{"class":"dataset","value":[1,2"#, 1, 28, "this list is never closed (is the file truncated?)"),
        (#"{"class":"dataset","label":"abc"#, 1, 28, "this text is never closed (is the file truncated?)"),
        ("{\"value\": [1,\n  2,, 3]}", 2, 5, "expected a value (a number, text, true, false, null, a list or an object), found `,`"),
        (#"{"value": [1, 2] "x": 1}"#, 1, 18, "expected `,` or `}` after the value of \"value\", found `\"`"),
        (#"{"value": [01]}"#, 1, 12, "`01` is not a valid number"),
        (#"{"value": [nul]}"#, 1, 12, "unknown word `nul`: JSON knows only true, false and null"),
        (#"{} x"#, 1, 4, "unexpected `x` after the end of the JSON document"),
        ("", 1, 1, "the file is empty"),
        (#"[1]"#, 1, 1, "a JSON-stat file is an object, but this one starts with a list"),
        (#"{"a": 1}"#, 1, 1, "no JSON-stat dataset found: expected `\"class\": \"dataset\"`, a collection, or an object of datasets (a 1.0 bundle)"),
    ])
    func syntaxAndShapeErrors(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let error = try #require(throws: DataFileError.self) { try read(text) }
        #expect(error.diagnostics == [Diagnostic(file: "inline.json", line: line, column: column, message: message)])
    }

    static let twoByTwo = #"""
    {"class": "dataset", "id": ["geo", "time"], "size": [2, 2],
     "dimension": {"geo": {"category": {"index": ["BE", "NL"]}}, "time": {"category": {"index": ["2020", "2021"]}}},

    """#

    @Test(arguments: [
        (twoByTwo + #" "value": [1, 2, 3]}"#, 3, 11, "`value` has 3 entries but the dimension sizes 2 × 2 make 4"),
        (twoByTwo + #" "value": {"4": 1}}"#, 3, 17, "`value` key `4` is not a position from 0 to 3"),
        (twoByTwo + #" "value": [1, 2, 3, true]}"#, 3, 21, "a value must be a number, text or null, not true"),
        (twoByTwo + #" "value": [1, 2, 3, 4], "status": ["a", "b"]}"#, 3, 35, "`status` has 2 entries but the dataset has 4 values"),
        (twoByTwo.replacingOccurrences(of: "[2, 2]", with: "[3, 2]") + #" "value": [1, 2, 3, 4]}"#, 1, 54,
         "dimension `geo` has size 3 in `size` but 2 categories"),
        (twoByTwo.replacingOccurrences(of: #"["geo", "time"]"#, with: #"["geo", "year"]"#) + #" "value": [1, 2, 3, 4]}"#, 1, 36,
         "dimension `year` is listed in `id` but not described in `dimension`"),
        (twoByTwo.replacingOccurrences(of: #"["2020", "2021"]"#, with: #"{"2020": 0, "2021": 0}"#) + #" "value": [1, 2, 3, 4]}"#, 2, 113,
         "category `2021` of dimension `time` has index 0, which is not a free position from 0 to 1"),
    ])
    func inconsistentDatasets(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let error = try #require(throws: DataFileError.self) { try read(text) }
        #expect(error.diagnostics == [Diagnostic(file: "inline.json", line: line, column: column, message: message)])
    }

    @Test func bundleErrorsNameTheDataset() throws {
        let text = #"{"a": {"id": ["geo"], "size": [1], "dimension": {"geo": {"category": {"index": ["BE"]}}}, "value": [1, 2]}}"#
        let error = try #require(throws: DataFileError.self) { try read(text) }
        #expect(error.diagnostics.map(\.message) == ["dataset `a`: `value` has 2 entries but the dimension sizes 1 make 1"])
    }

    @Test func deepNestingIsRefusedNotACrash() throws {
        let error = try #require(throws: DataFileError.self) { try read(String(repeating: "[", count: 100_000)) }
        #expect(error.diagnostics.map(\.message) == ["the JSON is nested more than 512 levels deep"])
    }

    @Test func escapesAndByteOrderMark() throws {
        let text = "\u{FEFF}" + #"{"class": "dataset", "id": ["geo"], "size": [1], "dimension": {"geo": {"category": {"index": ["Li\u00e8ge \ud83d\ude00\n"]}}}, "value": ["1,5"]}"#
        let records = try read(text)
        #expect(records.map(\.region) == ["Liège 😀\n"])
        #expect(records.map(\.value) == [.text("1,5")])
    }
}
