import Foundation
import KoersCore
import KoersImport
import KoersTestSupport
import Testing

private func read(_ bytes: [UInt8], name: String) throws -> [SourceRecord] {
    try SDMXCSVReader().records(bytes, name: name)
}

private func read(_ text: String, name: String = "inline.csv") throws -> [SourceRecord] {
    try read(Array(text.utf8), name: name)
}

private func readShared(_ path: String) throws -> [SourceRecord] {
    try read([UInt8](Data(contentsOf: SharedFolder.url("formats/\(path)"))), name: path)
}

/// The SDMX-CSV reader against pysdmx's samples and two Eurostat downloads in ../shared/formats; expected values
/// were read off the files.
@Suite(.enabled(if: SharedFolder.shouldRun, "needs ../shared"))
struct SDMXCSVReaderTests {
    /// One record per data line: `wc -l` minus the header (every file ends with a line break except the pysdmx
    /// ones, whose last line is counted by hand).
    @Test(arguments: [
        ("eurostat_sdmx_csv/demo_r_pjanaggr3_page_linear.csv", 9403),
        ("eurostat_sdmx_csv/nama_10r_3gdp_page_linear.csv", 9744),
        ("sdmx_csv/misc_large_csv_1.csv", 19),
        ("sdmx_csv/sdmx10_data_v1.csv", 1000),
        ("sdmx_csv/sdmx21_data_v21.csv", 20),
        ("sdmx_csv/sdmx20_csv_labels_name.csv", 1),
        ("sdmx_csv/sdmx21_csv_labels_both.csv", 1),
    ])
    func realFileRecordCounts(_ path: String, _ count: Int) throws {
        let records = try readShared(path)
        #expect(records.count == count)
        #expect(records.allSatisfy { $0.location.file == path })
    }

    @Test func eurostatPopulation() throws {
        let records = try readShared("eurostat_sdmx_csv/demo_r_pjanaggr3_page_linear.csv")
        // Line 13: …,DE111,2011,583868,b
        let record = records[11]
        #expect(record.indicator == "ESTAT:DEMO_R_PJANAGGR3(1.0)")
        #expect(record.region == "DE111")
        #expect(record.period == "2011")
        #expect(record.breakdown == ["freq": "A", "unit": "NR", "sex": "T", "age": "TOTAL"])  // not LAST UPDATE
        #expect(record.value == .text("583868"))
        #expect(record.flags == ["b"])
        #expect(record.location == Location(file: "eurostat_sdmx_csv/demo_r_pjanaggr3_page_linear.csv", line: 13, column: 71))
        // The last line: RO424, 2020, 705914, e.
        let last = try #require(records.last)
        #expect((last.region, last.period, last.value, last.flags) == ("RO424", "2020", .text("705914"), ["e"]))
        #expect(last.location.line == 9404)
    }

    @Test func eurostatGDP() throws {
        let records = try readShared("eurostat_sdmx_csv/nama_10r_3gdp_page_linear.csv")
        // Line 20: …,MIO_EUR,DE111,2018,58207.69,e
        let record = records[18]
        #expect(record.indicator == "ESTAT:NAMA_10R_3GDP(1.0)")
        #expect((record.region, record.period, record.value, record.flags) == ("DE111", "2018", .text("58207.69"), ["e"]))
        #expect(record.breakdown == ["freq": "A", "unit": "MIO_EUR"])
        #expect(record.location.column == 65)
        // `grep -c ',e.$'`: 1203 flagged values.
        #expect(records.filter { $0.flags == ["e"] }.count == 1203)
    }

    @Test func bisVersion1WithAttributesAfterTheTimePeriod() throws {
        let records = try readShared("sdmx_csv/sdmx10_data_v1.csv")
        // Line 4: …,3,C,2004,K,S,A,F,14206.490766 — AVAILABILITY, COLLECTION and OBS_CONF are attributes.
        let record = records[2]
        #expect(record.indicator == "BIS:BIS_DER(1.0)")
        #expect(record.region == "")
        #expect(record.period == "2004")
        #expect(record.value == .text("14206.490766"))
        #expect(record.flags == ["A"])
        #expect(record.breakdown == [
            "FREQ": "A", "DER_TYPE": "U", "DER_INSTR": "A", "DER_RISKs": "B", "DER_REP_CTY": "5J", "DER_SECTOR_CPY": "A",
            "DER_CPC": "1E", "DER_SECTOR_UDL": "A", "DER_CURR_LEG1": "HKD", "DER_CURR_LEG2": "TO1", "DER_ISSUE_MAT": "A",
            "DER_RATING": "A", "DER_EX_METHOD": "3", "DER_BASIS": "C",
        ])
        #expect(record.location == Location(file: "sdmx_csv/sdmx10_data_v1.csv", line: 4, column: 65))
        // Line 2: the empty OBS_VALUE of 2002, status M.
        #expect(records[0].value == .missing && records[0].flags == ["M"] && records[0].period == "2002")
    }

    @Test func version21() throws {
        let records = try readShared("sdmx_csv/sdmx21_data_v21.csv")
        // Line 20: …,HKD,USD,A,A,3,C,1992,K,S,A,F,6672.275
        #expect(records[18].indicator == "BIS:BIS_DER(1.0)")
        #expect(records[18].period == "1992")
        #expect(records[18].breakdown["DER_CURR_LEG2"] == "USD")
        #expect(records[18].value == .text("6672.275"))
        #expect(records[18].location.line == 20)
    }

    @Test func labelledNames() throws {
        // Eurostat's label download: names instead of codes, and a LAST UPDATE column.
        let records = try readShared("sdmx_csv/misc_large_csv_1.csv")
        let record = records[0]
        #expect(record.indicator == "ESTAT:EI_BPM6CA_Q$DEFAULTVIEW(1.0)")
        #expect(record.region == "Euro area – 20 countries (from 2023)")
        #expect(record.period == "2023-Q1")
        #expect(record.value == .text("23962.1"))
        #expect(record.flags.isEmpty)
        #expect(record.breakdown["partner"] == "Extra-euro area - 20 countries (from 2023)")
        #expect(record.breakdown["LAST UPDATE"] == nil)
        #expect(record.breakdown.count == 8)
        #expect(record.location.column == 295)
    }

    @Test func labelVariants() throws {
        // labels=name: a label column after each component; labels=both: `code: label` headers and cells.
        for path in ["sdmx_csv/sdmx20_csv_labels_name.csv", "sdmx_csv/sdmx21_csv_labels_both.csv"] {
            let record = try #require(try readShared(path).first)
            #expect(record.indicator == "MD:MD_TEST(1.0)")
            #expect(record.period == "2020")
            #expect(record.value == .text("1"))
            #expect(record.region == "")
            // Without the structure definition ATT1 and ATT2, placed before OBS_VALUE, cannot be told from dimensions.
            #expect(record.breakdown == ["DIM1": "A", "DIM2": "B", "ATT1": "C", "ATT2": "D"])
            #expect(record.location.line == 2)
        }
    }

    @Test func rowsShorterThanTheHeaderAreRefused() throws {
        // The header has an ACTION column the rows do not fill: 22 cells under 23 names.
        let error = try #require(throws: DataFileError.self) { try readShared("sdmx_csv/sdmx20_data_v2_action_col.csv") }
        #expect(error.diagnostics == [Diagnostic(file: "sdmx_csv/sdmx20_data_v2_action_col.csv", line: 2, column: 74,
                                                 message: "this row has 22 cells but the header has 23")])
    }

    @Test(arguments: ["sdmx_csv/sdmx20_data_v2_structures.csv", "sdmx_csv/sdmx21_data_v21_three_actions.csv"])
    func filesWithOtherMeasuresAreRefused(_ path: String) throws {
        let error = try #require(throws: DataFileError.self) { try readShared(path) }
        #expect(error.diagnostics.map(\.message) == [
            "the header has no OBS_VALUE column (files whose measure has another name are not supported)",
            "the header has no TIME_PERIOD column",
        ])
        #expect(error.diagnostics.allSatisfy { $0.line == 1 && $0.column == 1 })
    }
}

/// Inline SDMX-CSV: what the samples do not cover, and files the reader must refuse.
struct SDMXCSVInlineTests {
    @Test func actionsFlagsAndSemicolons() throws {
        let text = """
        STRUCTURE;STRUCTURE_ID;ACTION;REF_AREA;INDIC_DE;TIME_PERIOD;OBS_VALUE;OBS_FLAG;CONF_STATUS;UNIT_MULT
        dataflow;ESTAT:X(1.0);I;BE;DEATHRT;2020;12,5;bp;;3
        dataflow;ESTAT:X(1.0);R;BE;DEATHRT;2021;;;C;3

        """
        let records = try read(text)
        #expect(records.count == 2)
        #expect(records[0].region == "BE")
        #expect(records[0].breakdown == ["INDIC_DE": "DEATHRT"])
        #expect(records[0].value == .text("12,5"))
        #expect(records[0].flags == ["b", "p"])
        #expect(records[1].value == .missing)
        #expect(records[1].flags == ["C"])
        #expect(records[1].location == Location(file: "inline.csv", line: 3, column: 41))
    }

    @Test func deletionsAreRefused() throws {
        let text = """
        STRUCTURE,STRUCTURE_ID,ACTION,geo,TIME_PERIOD,OBS_VALUE
        dataflow,ESTAT:X(1.0),I,BE,2020,1
        dataflow,ESTAT:X(1.0),D,BE,2021,
        """
        let error = try #require(throws: DataFileError.self) { try read(text) }
        #expect(error.diagnostics == [Diagnostic(
            file: "inline.csv", line: 3, column: 23,
            message: "this row deletes an observation (ACTION D), which an import cannot apply: remove the row or download the data without deletions")])
    }

    @Test(arguments: [
        ("DATAFLOW,geo,TIME_PERIOD\nX,BE,2020\n", 1, 1,
         "the header has no OBS_VALUE column (files whose measure has another name are not supported)"),
        ("FLOW,geo,TIME_PERIOD,OBS_VALUE\nX,BE,2020,1\n", 1, 1,
         "the first column is `FLOW`, but SDMX-CSV starts with DATAFLOW (version 1.0) or STRUCTURE (2.0)"),
        ("STRUCTURE,ID,TIME_PERIOD,OBS_VALUE\nX,BE,2020,1\n", 1, 11,
         "the second column is `ID`, but SDMX-CSV 2.0 has STRUCTURE_ID there"),
        ("DATAFLOW,geo,TIME_PERIOD,OBS_VALUE\nX,BE,2020\n", 2, 6, "this row has 3 cells but the header has 4"),
        ("DATAFLOW,geo,TIME_PERIOD,OBS_VALUE\nX,BE,2020,1,2\n", 2, 13, "this row has 5 cells but the header has 4"),
        ("STRUCTURE,STRUCTURE_ID,ACTION,TIME_PERIOD,OBS_VALUE\ndataflow,X,U,2020,1\n", 2, 12,
         "unknown ACTION `U` (SDMX-CSV knows I, A, R, M and D)"),
        ("", 1, 1, "the file is empty"),
    ])
    func badFiles(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let error = try #require(throws: DataFileError.self) { try read(text) }
        #expect(error.diagnostics == [Diagnostic(file: "inline.csv", line: line, column: column, message: message)])
    }
}
