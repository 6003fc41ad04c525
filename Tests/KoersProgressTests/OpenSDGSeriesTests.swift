import Foundation
import KoersCore
import KoersProgress
import Testing

/// Choosing a series' rows as sdg-build does.
@Suite struct OpenSDGSeriesTests {
    func row(_ year: String, _ value: Double?, _ breakdown: [String: String] = [:], series: String? = nil,
             unit: String? = nil, progress: Double? = nil) -> OpenSDGRow {
        OpenSDGRow(year: year, breakdown: breakdown, series: series, unit: unit, value: value, progress: progress)
    }

    func years(_ r: Result<[ProgressPoint], CannotAssessReason>) -> [Int]? {
        (try? r.get())?.map(\.year)
    }

    @Test func withoutDisaggregationTheHeadlineIsUsed() {
        let table = OpenSDGTable(rows: [row("2015", 1), row("2016", 2), row("2016", 9, ["Sex": "Women"]), row("2017", nil)])
        #expect(years(OpenSDGSeries.points(in: table, options: OpenSDGProgressOption())) == [2015, 2016])
        let noHeadline = OpenSDGTable(rows: [row("2015", 1, ["Sex": "Women"])])
        #expect(OpenSDGSeries.points(in: noHeadline, options: OpenSDGProgressOption()) == .failure(.noHeadline))
    }

    @Test func disaggregationSeriesAndUnitPickRowsAndAnAbsentValuePicksNothing() {
        let table = OpenSDGTable(rows: [
            row("2015", 1, ["Sex": "Women"], unit: "Number"), row("2016", 2, ["Sex": "Women"], unit: "Number"),
            row("2015", 3, ["Sex": "Men"], unit: "Number"), row("2015", 4, ["Sex": "Women"], unit: "Percent"),
        ])
        let women = OpenSDGProgressOption(unit: "Number", disaggregation: [OpenSDGField(field: "Sex", value: "Women")])
        #expect(years(OpenSDGSeries.points(in: table, options: women)) == [2015, 2016])
        // "Other" is in no row: no rows, so no data (as Statistics Canada's published 4-5-1 'Primary education'
        // completion rate, which its data file does not have, shows).
        let other = OpenSDGProgressOption(unit: "Number", disaggregation: [OpenSDGField(field: "Sex", value: "Other")])
        #expect(OpenSDGSeries.points(in: table, options: other) == .success([]))
        // Without a unit, two units remain.
        let anyUnit = OpenSDGProgressOption(disaggregation: [OpenSDGField(field: "Sex", value: "Women")])
        #expect(OpenSDGSeries.points(in: table, options: anyUnit) == .failure(.severalSubSeries))
    }

    @Test func aDisaggregationWithOtherBreakdownsTakesTheRowsWhereTheyAreEmpty() {
        // Women of all ages (Age empty) beside women by age group: the option names Sex only, so the series is the
        // one without an age group (the national repository's 4-5-1 location parity by sex).
        let table = OpenSDGTable(rows: [
            row("2016", 1.08, ["Sex": "Women"]), row("2021", 1.07, ["Sex": "Women"]),
            row("2016", 1.11, ["Sex": "Women", "Age": "15-24"]), row("2021", 1.10, ["Sex": "Women", "Age": "15-24"]),
        ])
        let women = OpenSDGProgressOption(disaggregation: [OpenSDGField(field: "Sex", value: "Women")])
        #expect((try? OpenSDGSeries.points(in: table, options: women).get())?.map(\.value) == [1.08, 1.07])
        // Naming both picks the age group.
        let young = OpenSDGProgressOption(disaggregation: [OpenSDGField(field: "Sex", value: "Women"), OpenSDGField(field: "Age", value: "15-24")])
        #expect((try? OpenSDGSeries.points(in: table, options: young).get())?.map(\.value) == [1.11, 1.10])
    }

    @Test func progressColumnReplacesValueAndYearsKeepTheirFirstFourCharacters() throws {
        let table = OpenSDGTable(rows: [row("2014/2015", 10, progress: 1), row("2015/2016", 20, progress: nil),
                                        row("2016/2017", 30, progress: 3)], hasProgressColumn: true)
        let points = try OpenSDGSeries.points(in: table, options: OpenSDGProgressOption()).get()
        #expect(points == [ProgressPoint(year: 2014, value: 1), ProgressPoint(year: 2016, value: 3)])
        let quarters = OpenSDGTable(rows: [row("2015 Q4", 1), row("2015 Q3", 2)])
        #expect(OpenSDGSeries.points(in: quarters, options: OpenSDGProgressOption()) == .failure(.duplicateYear(2015)))
        #expect(OpenSDGSeries.points(in: OpenSDGTable(rows: [row("FY15", 1)]), options: OpenSDGProgressOption())
                == .failure(.unreadableYear))
    }

    @Test func nameFollowsTheOptionsAndWritesAnEmptyValueAsNone() {
        let options = OpenSDGProgressOption(series: "S", unit: "U",
                                     disaggregation: [OpenSDGField(field: "B", value: "b"), OpenSDGField(field: "A", value: nil)])
        #expect(OpenSDGSeries.name(indicator: "1-2-1", options: options) == "1-2-1 / S / U / b / None")
    }

    @Test func defaultsAreBaseYear2015TargetYear2030AndNegativeDirection() throws {
        // 2014 is before the base year, so 2016 (the first later year) is the base. Lower is better by default:
        // pv = −CAGR(1, 2, 4) = −(2^(1/4) − 1).
        let table = OpenSDGTable(rows: [row("2014", 5), row("2016", 1), row("2020", 2)])
        let r = OpenSDGSeries.assess(indicator: "x", table: table, options: OpenSDGProgressOption())
        #expect(r.baseYear == 2016 && r.currentYear == 2020 && r.targetYear == 2030 && r.direction == -1)
        #expect(abs(try #require(r.progressValue) + (pow(2, 0.25) - 1)) < 1e-12)
        let empty = OpenSDGSeries.assess(indicator: "x", table: OpenSDGTable(rows: [row("2016", nil)]), options: OpenSDGProgressOption())
        #expect(empty.status == .notAvailable && empty.baseYear == 2015 && empty.sign == nil && empty.reason == .noData)
        let old = OpenSDGSeries.assess(indicator: "x", table: OpenSDGTable(rows: [row("2010", 1), row("2012", 2)]),
                                       options: OpenSDGProgressOption())
        #expect(old.reason == .baseYearAfterLatest(baseYear: 2015, latestYear: 2012))
    }

    @Test func baseIsTheFirstYearAtOrAfterTheBaseYearWhateverTheGaps() {
        // The search starts where a consecutive series would have the base year; gaps must not fool it.
        func base(_ years: [Int], _ baseYear: Int?) -> Int? {
            let q = ProgressQuestion(points: years.map { ProgressPoint(year: $0, value: 1) }, direction: .up, baseYear: baseYear)
            return ProgressMethod.openSDG.assess(q).numbers?.baseYear
        }
        #expect(base([2000, 2001, 2030], nil) == 2030)  // nil: Open SDG's 2015
        #expect(base([2000, 2001, 2030], 2001) == 2001)
        #expect(base([2010, 2014, 2016, 2020], 2015) == 2016)
        #expect(base([2015, 2016], 2015) == 2015)
        #expect(base([2016, 2017, 2018, 2019, 2020, 2021], 2015) == 2016)
        #expect(base([2005, 2006, 2007], 2015) == nil)
    }
}
