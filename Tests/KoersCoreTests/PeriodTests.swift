import KoersCore
import Testing

@Suite struct PeriodTests {
    @Test(arguments: ["2016", "2020-Q3", "2020-07", "2020-07-01", "2009/2017", "2020-07/2020-08", "2019-Q1/2020-Q4"])
    func canonicalTextRoundTrips(_ text: String) throws {
        let period = try #require(Period(text))
        #expect(period.description == text)
    }

    @Test(arguments: ["", "16", "2016-Q5", "2016-13", "2021-02-29", "2017/2009", "2016/2016", "2016/2020-Q1",
                      "2009 / 2017", "２０１６", "2016-7", "2009/2017/2020"])
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
