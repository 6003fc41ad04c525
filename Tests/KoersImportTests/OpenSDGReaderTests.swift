import Foundation
import KoersCore
import KoersImport
import KoersTestSupport
import Testing

/// The Open SDG reader against part of Statistics Canada's repository; expected values were read off the files by hand.
@Suite(.enabled(if: SharedFolder.shouldRun))
struct OpenSDGReaderTests {
    let reader = OpenSDGReader(directory: SharedFolder.url("conformance/open-sdg-canada"))

    private func records(_ indicator: String) throws -> [OpenSDGRecord] {
        var result: [OpenSDGRecord] = []
        try reader.read { if $0.record.indicator == indicator { result.append($0) } }
        return result
    }

    @Test func everyMetaFileParses() throws {
        let metas = try reader.indicators()
        // `ls meta | wc -l`: 42 files; numbers sort as numbers.
        #expect(metas.count == 42)
        #expect(metas.first?.id == "1-3-1")
        #expect(metas.dropFirst().first?.id == "2-1-1")
        #expect(metas.last?.id == "17-3-1")
        #expect(metas.allSatisfy { $0.name != nil && $0.reportingStatus == "complete" && $0.dataNonStatistical == false })
        // `grep -l '^auto_progress_calculation: true' meta/*.md | wc -l`: 41; only 13-1-1 says false.
        #expect(metas.filter(\.progress.automatic).count == 41)
        let ghg = try #require(metas.first { $0.id == "13-1-1" })
        #expect(!ghg.progress.automatic)
        #expect(ghg.progress.manualStatus == "not_available_manual")  // the trailing `# manual override` is a comment
    }

    @Test func progressOptionsWithSeriesAndUnit() throws {
        let meta = try #require(try reader.indicators().first { $0.id == "6-3-1" })
        #expect(meta.name == "Water use growth rate")
        #expect(meta.file == "meta/6-3-1.md")
        #expect(meta.progress.options == [OpenSDGProgressOption(direction: .down, series: "Total water use", unit: "Cubic metres")])
        #expect(meta.optionLocations == [Location(file: "meta/6-3-1.md", line: 65, column: 3)])
    }

    @Test func progressOptionsWithDisaggregation() throws {
        let meta = try #require(try reader.indicators().first { $0.id == "16-4-1" })
        #expect(meta.name == "Civil Court case completion time")
        #expect(meta.progress.automatic)
        // In the order the file writes them: a series is named in that order.
        let expected = OpenSDGProgressOption(direction: .up, disaggregation: [
            OpenSDGField(field: "Geography", value: "Canada"), OpenSDGField(field: "Type of case", value: "Total cases"),
            OpenSDGField(field: "Elapsed time", value: "Less than or equal to 3 months")])
        #expect(meta.progress.options == [expected])
        #expect(meta.optionLocations == [Location(file: "meta/16-4-1.md", line: 73, column: 3)])
        // Other keys, and an empty disaggregation value, in other files.
        let all = try reader.indicators()
        let housing = try #require(all.first { $0.id == "11-6-1" }?.progress.options.first)
        #expect((housing.direction, housing.baseYear, housing.targetYear, housing.target) == (.down, 2014, 2030, 490))
        let ghg = try #require(all.first { $0.id == "13-1-1" }?.progress.options.first)
        #expect(ghg.target == 456.8949698 && ghg.limit == nil)
        let business = try #require(all.first { $0.id == "12-2-1" }?.progress.options.first)
        // `value:` with nothing after it: the column must be empty.
        #expect(business.disaggregation.contains(OpenSDGField(field: "Environmental management practices", value: nil)))
        #expect(all.first { $0.id == "3-11-1" }?.progress.options.count == 10)
        #expect(all.first { $0.id == "3-11-1" }?.progress.options.first?.direction == nil)
    }

    @Test func seriesAndUnitsDoNotMakeABreakdown() throws {
        let rows = try records("6-3-1")
        // `grep -c '' data/indicator_6-3-1.csv` is 36: the header and 35 rows; 15 have an empty Sector.
        #expect(rows.count == 35)
        #expect(rows.filter(\.isHeadline).count == 15)
        let first = try #require(rows.first)
        #expect(first == OpenSDGRecord(
            record: SourceRecord(indicator: "6-3-1", region: "", period: "2013",
                                 breakdown: ["Series": "Water use growth rate", "Units": "Percentage", "Sector": "Households"],
                                 value: .number(-10.9), location: Location(file: "data/indicator_6-3-1.csv", line: 2, column: 58)),
            progress: nil, isHeadline: false))
        #expect(rows[30] == OpenSDGRecord(
            record: SourceRecord(indicator: "6-3-1", region: "", period: "2013",
                                 breakdown: ["Series": "Total water use", "Units": "Cubic metres"],
                                 value: .number(37197793), location: Location(file: "data/indicator_6-3-1.csv", line: 32, column: 44)),
            progress: nil, isHeadline: true))
    }

    @Test func progressColumnAndGeoCode() throws {
        let rows = try records("16-4-1")
        #expect(rows.count == 2077)  // `grep -c ''` gives 2078 lines, header included
        #expect(rows.filter(\.isHeadline).isEmpty)
        let canada = ["Geography": "Canada", "Type of case": "Total cases"]
        #expect(rows[0] == OpenSDGRecord(
            record: SourceRecord(indicator: "16-4-1", region: "", period: "2014/2015",
                                 breakdown: canada.merging(["Elapsed time": "Less than or equal to 3 months"]) { a, _ in a },
                                 value: .number(52.22), location: Location(file: "data/indicator_16-4-1.csv", line: 2, column: 76)),
            progress: .number(69.79), isHeadline: false))
        #expect(rows[1].progress == .missing)
        #expect(rows[1].record.value == .number(17.57))
        // Line 20: Prince Edward Island (GeoCode 11) with an empty Value at the end of the line.
        #expect(rows[18].record.region == "11")
        #expect(rows[18].record.value == .missing)
        #expect(rows[18].record.location == Location(file: "data/indicator_16-4-1.csv", line: 20, column: 89))
        #expect(rows[72].record.region == "35" && rows[72].record.breakdown["Geography"] == "Ontario")
    }

    @Test func everyDataFileReads() throws {
        var files: Set<String> = []
        var headlines = 0
        try reader.read { record in
            files.insert(record.record.location.file)
            if record.isHeadline { headlines += 1 }
        }
        // `ls data | wc -l`: 40 (12-2-1 and 2-1-1 have metadata but no data file). 15-5-1 starts with a BOM, three
        // files end lines with CRLF; 15-5-1 has only Year and Value, so all its 34 rows are headline.
        #expect(files.count == 40)
        let small = try records("15-5-1")
        #expect(small.count == 34 && small.allSatisfy(\.isHeadline) && small.first?.record.period == "1990")
        // CRLF lines: no "\r" left on the last cell.
        #expect(try records("5-1-1").map(\.record.value) == [3.6, 1.3, 1.2, 0.4, 2.9, 1].map { .number($0) })
        #expect(headlines > 0)
    }
}

/// Broken files, written in a temporary folder.
struct OpenSDGReaderErrorTests {
    private func error(_ body: () throws -> Void) throws -> [Diagnostic] {
        try #require(throws: DataFileError.self, performing: body).diagnostics
    }

    @Test func malformedFrontMatter() throws {
        let folder = try TemporaryFolder()
        try folder.write("meta/1-1-1.md", "---\nindicator_name: Good\n---\nText.\n")
        try folder.write("meta/9-9-9.md", "---\nindicator_name: Test\ngraph_title: a: b\n---\nText.\n")
        #expect(try error { _ = try OpenSDGReader(directory: folder.url).indicators() } == [
            Diagnostic(file: "meta/9-9-9.md", line: 3, column: 15,
                       message: "YAML syntax: mapping values are not allowed in this context"),
        ])
    }

    @Test func unclosedFrontMatterAndBadOptions() throws {
        let folder = try TemporaryFolder()
        try folder.write("meta/1-1-1.md", "---\nindicator_name: Open\n")
        try folder.write("meta/2-1-1.md", """
            ---
            progress_calculation_options:
            - direction: upward
              target_yaer: 2030
            ---
            """)
        #expect(try error { _ = try OpenSDGReader(directory: folder.url).indicators() } == [
            Diagnostic(file: "meta/1-1-1.md", line: 1, column: 1,
                       message: "the front matter opened on line 1 is never closed by a '---' line"),
            Diagnostic(file: "meta/2-1-1.md", line: 3, column: 14,
                       message: "progress_calculation_options[1]: 'direction' must be positive or negative, not 'upward'"),
            Diagnostic(file: "meta/2-1-1.md", line: 4, column: 3,
                       message: "progress_calculation_options[1]: unknown key 'target_yaer' (expected one of: base_year, direction, disaggregation, limit, series, target, target_year, unit)"),
        ])
    }

    @Test func dataFileWithoutValueOrYear() throws {
        let folder = try TemporaryFolder()
        try folder.write("data/indicator_9-9-9.csv", "Year,GeoCode,Amount\n2020,,1\n")
        #expect(try error { try OpenSDGReader(directory: folder.url).read { _ in } } == [
            Diagnostic(file: "data/indicator_9-9-9.csv", line: 1, column: 1,
                       message: "the header has no 'Value' column (an Open SDG data file needs 'Year' and 'Value')"),
        ])
        try FileManager.default.removeItem(atPath: folder.path("data/indicator_9-9-9.csv"))
        try folder.write("data/indicator_1-1-1.csv", "Period,Sex,Value\n2020,,1\n")
        #expect(try error { try OpenSDGReader(directory: folder.url).read { _ in } } == [
            Diagnostic(file: "data/indicator_1-1-1.csv", line: 1, column: 1,
                       message: "the header has no 'Year' column (an Open SDG data file needs 'Year' and 'Value')"),
        ])
    }

    @Test func raggedRow() throws {
        let folder = try TemporaryFolder()
        try folder.write("data/indicator_1-1-1.csv", "Year,Sex,Value\n2020,,1\n2021,Women\n")
        var seen = 0
        #expect(try error { try OpenSDGReader(directory: folder.url).read { _ in seen += 1 } } == [
            Diagnostic(file: "data/indicator_1-1-1.csv", line: 3, column: 1, message: "this row has 2 cells but the header has 3"),
        ])
        #expect(seen == 1)
    }
}

/// A data file's header is read with the CSV reader: a quoted column name with a comma in it is one column.
@Suite struct OpenSDGHeaderTests {
    @Test(arguments: [("Year,\"Sex, as reported\",Value,Progress\n2015,Women,1,2\n", true),
                      ("Year,\"Note, see Progress\",Value\n2015,x,1\n", false),
                      ("\u{FEFF}Year,Value,\"Progress\"\r\n2015,1,2\r\n", true),
                      ("Year,Value\n2015,1\n", false)])
    func aProgressColumnMakesACompanionIndicator(_ header: String, _ hasProgress: Bool) throws {
        let folder = try TemporaryFolder()
        try folder.write("repo/meta/1-1-1.md", "---\nindicator_name: Test\n---\n")
        try folder.write("repo/data/indicator_1-1-1.csv", header)
        let codes = try OpenSDGRepository(directory: folder.url.appendingPathComponent("repo")).indicators().map(\.code)
        #expect(codes == ["1-1-1"] + (hasProgress ? ["1-1-1-progress"] : []))
        var records: [OpenSDGRecord] = []
        try OpenSDGReader(directory: folder.url.appendingPathComponent("repo")).read { records.append($0) }
        #expect(records.count == 1)
        #expect((records.first?.progress != nil) == hasProgress)
    }
}

/// Open SDG 2.x's layout: `meta/<id>.yml` and `indicator-config/<id>.yml`, with files that are not indicators beside them.
struct OpenSDGYAMLLayoutTests {
    @Test func metadataAndSettingsComeFromBothFilesAndTheRestIsSkippedByName() throws {
        let folder = try TemporaryFolder()
        // A byte order mark, as Statistics Canada's editors write; the name is a translation key, so the
        // metadata's own SDG_INDICATOR names the indicator; the options nest a group.
        try folder.write("indicator-config/1-2-1.yml", """
            \u{FEFF}indicator_name: global_indicators.1-2-1-title
            auto_progress_calculation: true
            progress_calculation_options:
            - group:
              - direction: negative
                series: Poverty rate
              - group:
                - direction: positive
                  series: Income
            - direction: negative
              target: 5
            """)
        try folder.write("meta/1-2-1.yml", "SDG_INDICATOR: 'Indicator 1.2.1: Proportion of population below the poverty line'\nreporting_status: complete\n")
        try folder.write("meta/README.md", "## meta folder\nMetadata files are uploaded here.\n")
        try folder.write("meta/fr/1-2-1.yml", "SDG_INDICATOR: Indicateur 1.2.1\n")
        try folder.write("data/indicator_1-2-1.csv", "Year,Value\n2015,1\n")
        try folder.write("data/notes.txt", "not data\n")

        let metas = try OpenSDGReader(directory: folder.url).indicators()
        let meta = try #require(metas.first)
        #expect(metas.count == 1)
        #expect(meta.name == "Indicator 1.2.1: Proportion of population below the poverty line")
        #expect(meta.file == "indicator-config/1-2-1.yml")
        #expect(meta.progress.automatic && meta.reportingStatus == "complete")
        #expect(meta.progress.options.map(\.series) == ["Poverty rate", "Income", nil])
        #expect(meta.progress.options.map(\.direction) == [.down, .up, .down])
        #expect(OpenSDGFolder(directory: folder.url).skipped.map(\.description) == [
            "meta/README.md: skipped, not an indicator (its name is no indicator id such as 1-2-1)",
            "meta/fr/: skipped, a folder (translations and other subfolders are not read)",
            "data/notes.txt: skipped, not an indicator's data file (indicator_<id>.csv)",
        ])
    }

    @Test(arguments: [("1-2-1", true), ("9-b-1", true), ("17-19-2", true), ("README", false), ("1", false),
                      ("1--2", false), ("a-1-1", false), ("1-2-1.bak", false)])
    func indicatorIDs(id: String, isID: Bool) {
        #expect(OpenSDGFolder.isIndicatorID(id) == isID)
    }

    @Test(.enabled(if: SharedFolder.shouldRun, "needs ../shared"))
    func statisticsCanadasNationalRepository() throws {
        let url = SharedFolder.url("conformance/open-sdg-canada-national")
        let folder = OpenSDGFolder(directory: url)
        // Counted with ls: 131 indicator-config files, 131 meta/*.yml beside meta/README.md, 91 data files.
        #expect(folder.metadata.count == 131 && folder.data.count == 91)
        #expect(folder.metadata.allSatisfy { $0.files.count == 2 })
        #expect(folder.skipped.map(\.path) == ["meta/README.md"])
        let metas = try OpenSDGReader(directory: url).indicators()
        // auto_progress_calculation: true in 71 of the 131 settings files (grep, with and without a byte order mark).
        #expect(metas.filter(\.progress.automatic).count == 71)
    }
}

