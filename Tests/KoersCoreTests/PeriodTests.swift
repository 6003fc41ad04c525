import KoersCore
import Testing

@Suite struct PeriodTests {
    @Test(arguments: ["2016", "2020-Q3", "2020-07", "2020-07-01", "2009/2017", "2020-07/2020-08", "2019-Q1/2020-Q4",
                      "2020-S1", "2020-S2", "2020-W05", "2020-W53", "2019-09-01/P1Y", "2017-04-01/P1Y", "2019-S1/2020-S2",
                      "2019-W52/2020-W02"])
    func canonicalTextRoundTrips(_ text: String) throws {
        let period = try #require(Period(text))
        #expect(period.description == text)
    }

    @Test(arguments: ["", "16", "2016-Q5", "2016-13", "2021-02-29", "2017/2009", "2016/2016", "2016/2020-Q1",
                      "2009 / 2017", "２０１６", "2016-7", "2009/2017/2020",
                      "2020-S3", "2020-S0", "2021-W53", "2020-W00", "2020-W5", "2019-01-01/P1Y", "2019-02-30/P1Y",
                      "2019-09-01/P2Y", "2019-09-01/P1Y/2021-09-01/P1Y", "2019/2020-S1", "٢٠١٦"])
    func malformedTextIsRefused(_ text: String) {
        #expect(Period(text) == nil)
    }

    @Test func boundsOfEachKind() throws {
        #expect(Period.year(2016).start == Day(year: 2016, month: 1, day: 1))
        #expect(Period.year(2016).end == Day(year: 2016, month: 12, day: 31))
        #expect(Period.quarter(year: 2020, quarter: 3).start == Day(year: 2020, month: 7, day: 1))
        #expect(Period.quarter(year: 2020, quarter: 3).end == Day(year: 2020, month: 9, day: 30))
        #expect(Period.month(year: 2024, month: 2).end == Day(year: 2024, month: 2, day: 29))
        #expect(Period.month(year: 2100, month: 2).end == Day(year: 2100, month: 2, day: 28))
        let range = try #require(Period("2009/2017"))
        #expect(range.start == Day(year: 2009, month: 1, day: 1))
        #expect(range.end == Day(year: 2017, month: 12, day: 31))
        #expect(range.isRange)
        #expect(range.endYear == 2017)
    }

    @Test func boundsOfTheNewKinds() throws {
        #expect(Period.semester(year: 2020, half: 1).end == Day(year: 2020, month: 6, day: 30))
        #expect(Period.semester(year: 2020, half: 2).start == Day(year: 2020, month: 7, day: 1))
        // ISO weeks: 2020-W01 starts on Monday 30 December 2019; 2020 has 53 weeks (it starts on a Wednesday and is a
        // leap year), 2021 has 52; 2015-W53 ends on Sunday 3 January 2016.
        #expect(Period.week(year: 2020, week: 1).start == Day(year: 2019, month: 12, day: 30))
        #expect(Period.week(year: 2020, week: 1).end == Day(year: 2020, month: 1, day: 5))
        #expect(Period.isoWeeks(in: 2020) == 53 && Period.isoWeeks(in: 2021) == 52 && Period.isoWeeks(in: 2015) == 53)
        #expect(Period.week(year: 2015, week: 53).end == Day(year: 2016, month: 1, day: 3))
        #expect(Period.week(year: 2021, week: 1).start == Day(year: 2021, month: 1, day: 4))
        let school = try #require(Period("2019-09-01/P1Y"))
        #expect(school.start == Day(year: 2019, month: 9, day: 1) && school.end == Day(year: 2020, month: 8, day: 31))
        #expect(school.written() == "2019-2020" && school.written(shortYearSpans: true) == "2019-20")
        #expect(school.endYear == 2020 && school.kind == .splitYear)
        // A fiscal year from 1 March ends on the last day of February, 29 in a leap year.
        let fiscal = Period.splitYear(year: 2023, start: YearStart(month: 3, day: 1)!)
        #expect(fiscal.end == Day(year: 2024, month: 2, day: 29))
        #expect(Period.splitYear(year: 1999, start: .september1).written(shortYearSpans: true) == "1999-00")
    }

    @Test func positionsOnATimeAxis() throws {
        let school = Period.splitYear(year: 2019, start: .september1)
        #expect(school.day(at: .start) == Day(year: 2019, month: 9, day: 1))
        #expect(school.day(at: .end) == Day(year: 2020, month: 8, day: 31))
        // 366 days (2020 is a leap year), numbered 0 to 365: the earlier of the two middle days is day 182, 1 March.
        #expect(school.day(at: .middle) == Day(year: 2020, month: 3, day: 1))
        let range = try #require(Period("2010/2015"))
        #expect(range.day(at: .middle) == Day(year: 2012, month: 12, day: 31))
        #expect(Period.year(2020).decimalYear(at: .start) == 2020)
        #expect(abs(Period.year(2019).decimalYear(at: .end) - (2019 + 364.0 / 365)) < 1e-12)
    }

    @Test func dayArithmeticAgreesWithTheCalendar() {
        // Every day from 1800 to 2200 maps to the next ordinal and back.
        var day = Day(year: 1800, month: 1, day: 1), ordinal = day.ordinal
        #expect(Day(year: 1970, month: 1, day: 1).ordinal == 0 && Day(year: 1970, month: 1, day: 1).weekday == 4)
        while day.year <= 2200 {
            #expect(Day(ordinal: ordinal) == day)
            ordinal += 1
            day = day.day < Period.daysIn(year: day.year, month: day.month) ? Day(year: day.year, month: day.month, day: day.day + 1)
                : day.month < 12 ? Day(year: day.year, month: day.month + 1, day: 1) : Day(year: day.year + 1, month: 1, day: 1)
            if day.ordinal != ordinal { Issue.record("\(day) has ordinal \(day.ordinal), expected \(ordinal)"); break }
        }
        #expect(Day(year: 2026, month: 12, day: 4).weekday == 5, "4 December 2026 is a Friday")
    }

    @Test func yearStartsAndSettings() throws {
        #expect(YearStart("--09-01") == .september1 && YearStart("04-01") == YearStart(month: 4, day: 1))
        #expect(YearStart("--02-29") == nil && YearStart("--13-01") == nil && YearStart("9-1") == nil)
        #expect(PeriodSettings().yearSpan(startingIn: 2019) == .splitYear(year: 2019, start: .september1))
        #expect(PeriodSettings(yearSpans: .fiscal).yearSpan(startingIn: 2017).start == Day(year: 2017, month: 4, day: 1))
        #expect(PeriodSettings(yearSpans: .calendar).yearSpan(startingIn: 2019).description == "2019/2020")
    }

    @Test func orderIsByStartThenEnd() throws {
        let periods = ["2020-Q3", "2016", "2009/2017", "2020-07", "2020"].compactMap(Period.init)
        #expect(periods.sorted().map(\.description) == ["2009/2017", "2016", "2020", "2020-07", "2020-Q3"])
    }
}

@Suite struct RegionTests {
    let tielt2024 = Region(code: "37015", name: LocalizedText(nl: "Tielt"), level: .municipality, parent: "37000",
                           validTo: Day(year: 2024, month: 12, day: 31))
    let tielt2025 = Region(code: "37022", name: LocalizedText(nl: "Tielt"), level: .municipality, parent: "37000",
                           validFrom: Day(year: 2025, month: 1, day: 1))

    @Test func validityFollowsTheMergerDate() throws {
        #expect(tielt2024.isValid(during: .year(2024)))
        #expect(!tielt2024.isValid(during: .year(2025)))
        #expect(!tielt2025.isValid(during: .year(2024)))
        #expect(tielt2025.isValid(during: .quarter(year: 2025, quarter: 1)))
        // A range that overlaps the region's life counts as valid: an average over 2020–2030 still involves it.
        #expect(tielt2024.isValid(during: try #require(Period("2020/2030"))))
        // Only an abolished code is refused for later periods; the new one may carry back-cast earlier years.
        #expect(tielt2024.isAbolished(before: .year(2025)))
        #expect(!tielt2024.isAbolished(before: .year(2024)))
        #expect(!tielt2025.isAbolished(before: .year(2018)))
    }

    @Test func ancestorsAndPredecessors() {
        let geography = Geography(
            regions: [
                Region(code: "01000", name: LocalizedText(nl: "België"), level: .country),
                Region(code: "02000", name: LocalizedText(nl: "Vlaams Gewest"), level: .region, parent: "01000"),
                Region(code: "30000", name: LocalizedText(nl: "West-Vlaanderen"), level: .province, parent: "02000"),
                Region(code: "37000", name: LocalizedText(nl: "Arr. Tielt"), level: .arrondissement, parent: "30000"),
                tielt2024, tielt2025,
                Region(code: "37007", name: LocalizedText(nl: "Meulebeke"), level: .municipality, parent: "37000"),
            ],
            successions: [RegionSuccession(from: "37007", to: "37022", date: Day(year: 2025, month: 1, day: 1)),
                          RegionSuccession(from: "37015", to: "37022", date: Day(year: 2025, month: 1, day: 1))])
        #expect(geography.ancestors(of: "37022").map(\.code) == ["37000", "30000", "02000", "01000"])
        #expect(geography.predecessors(of: "37022") == ["37007", "37015"])
        #expect(geography.predecessors(of: "37000") == ["37000"])
        #expect(geography.children(of: "37000").map(\.code) == ["37007", "37015", "37022"])
        #expect(geography.ordered.first?.code == "01000")
    }
}
