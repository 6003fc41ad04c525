import KoersCore
import KoersImport
import Testing

/// Publishers' period notations, each read into Koers's canonical period (its `description`).
@Suite struct PeriodNotationTests {
    @Test(arguments: [
        // Years, SDMX's annual code.
        ("2020", "2020"), ("2020-A1", "2020"), (" 2020 ", "2020"),
        // Half years.
        ("2020-S1", "2020-S1"), ("2020S2", "2020-S2"), ("2020-H1", "2020-S1"), ("S1 2020", "2020-S1"),
        ("H2 2020", "2020-S2"), ("1e semester 2020", "2020-S1"),
        // Quarters, in English and Dutch (kwartaal).
        ("2020-Q3", "2020-Q3"), ("2020Q3", "2020-Q3"), ("2020-K3", "2020-Q3"), ("2020K3", "2020-Q3"),
        ("2020 Q3", "2020-Q3"), ("Q3 2020", "2020-Q3"), ("3e kwartaal 2020", "2020-Q3"), ("4de kwartaal 2018", "2018-Q4"),
        ("1ste kwartaal 2020", "2020-Q1"),
        // Months and ISO weeks.
        ("2020-07", "2020-07"), ("2020M07", "2020-07"), ("2020-M07", "2020-07"), ("2020-W05", "2020-W05"),
        ("2020W53", "2020-W53"),
        // Days: ISO, Belgian order where only it fits, midnight timestamps.
        ("2020-07-01", "2020-07-01"), ("2020-07-01T00:00:00", "2020-07-01"), ("31/12/2019", "2019-12-31"),
        ("13-7-2020", "2020-07-13"), ("31.12.2019", "2019-12-31"), ("05/05/2020", "2020-05-05"),
        // Two consecutive years: a school year from 1 September by default.
        ("2019-2020", "2019-09-01/P1Y"), ("2019/2020", "2019-09-01/P1Y"), ("2019-20", "2019-09-01/P1Y"), ("2010-15", "2010/2015"),
        ("2019/20", "2019-09-01/P1Y"), ("1999-00", "1999-09-01/P1Y"),
        // Ranges of calendar years.
        ("2005-2007", "2005/2007"), ("2010/2015", "2010/2015"), ("2019/21", "2019/2021"),
        // Koers's own notation passes through.
        ("2019-09-01/P1Y", "2019-09-01/P1Y"), ("2009/2017", "2009/2017"), ("2020-07/2020-08", "2020-07/2020-08"),
    ])
    func notationBecomesItsPeriod(written: String, canonical: String) {
        #expect(PeriodNotation.parse(written)?.description == canonical)
    }

    @Test(arguments: [
        "", "2020-Q5", "2020-S3", "2020-W54", "2021-W53", "2020-13", "2020-A2", "2019-2019", "2020-2019", "31/02/2020",
        "2020/13", "Q3", "kwartaal 2020", "2019/", "2020-07-01T08:30:00", "twintig", "2020 ()", "1/2/3/2020",
    ])
    func notAPeriod(written: String) {
        #expect(PeriodNotation.read(written) == .invalid)
    }

    @Test func dayAndMonthThatFitBothOrdersAreLeftToTheImport() throws {
        guard case .ambiguous(let choices) = PeriodNotation.read("01/02/2020") else {
            Issue.record("01/02/2020 read as one date"); return
        }
        #expect(choices.map(\.period.description) == ["2020-02-01", "2020-01-02"])
        #expect(choices.map(\.option) == ["day-month", "month-day"])
        #expect(Set(choices.map(\.flag)) == ["--dates"])
        #expect(Set(choices.map(\.mappingKey)) == ["dates"])
        #expect(PeriodNotation.parse("01/02/2020", PeriodReading(dates: .dayMonth))?.description == "2020-02-01")
        #expect(PeriodNotation.parse("01/02/2020", PeriodReading(dates: .monthDay))?.description == "2020-01-02")
    }

    @Test func onceTheOrderIsDecidedADateOnlyTheOtherOrderFitsIsAMistake() {
        #expect(PeriodNotation.read("12/31/2019", PeriodReading(dates: .dayMonth)) == .invalid)
        #expect(PeriodNotation.read("31/12/2019", PeriodReading(dates: .monthDay)) == .invalid)
        #expect(PeriodNotation.parse("12/31/2019")?.description == "2019-12-31")  // undecided: the one order that fits
    }

    @Test func twoYearsThatCouldBeAMonthAreLeftToTheImport() throws {
        guard case .ambiguous(let choices) = PeriodNotation.read("2011-12") else {
            Issue.record("2011-12 read one way"); return
        }
        #expect(choices.map(\.period.description) == ["2011-09-01/P1Y", "2011-12"])
        #expect(choices.map(\.option) == ["year-span", "month"])
        #expect(Set(choices.map(\.flag)) == ["--year-pairs"])
        #expect(PeriodNotation.parse("2011-12", PeriodReading(yearPairs: .yearSpan))?.description == "2011-09-01/P1Y")
        #expect(PeriodNotation.parse("2011-12", PeriodReading(yearPairs: .month))?.description == "2011-12")
        // Only the pairs whose second half could be a month are in doubt; 2019-05 is May, as Koers writes months.
        #expect(PeriodNotation.parse("2019-20")?.description == "2019-09-01/P1Y")
        #expect(PeriodNotation.parse("2019-05")?.description == "2019-05")
        #expect(PeriodNotation.parse("2011/12")?.description == "2011-09-01/P1Y")  // a slash is never a month
    }

    @Test func theIndicatorSaysWhatTwoConsecutiveYearsAre() {
        let fiscal = PeriodReading(settings: PeriodSettings(yearSpans: .fiscal))
        #expect(PeriodNotation.parse("2017-18", fiscal)?.description == "2017-04-01/P1Y")
        let calendar = PeriodReading(settings: PeriodSettings(yearSpans: .calendar))
        #expect(PeriodNotation.parse("2019-2020", calendar)?.description == "2019/2020")
        let fromJanuary = PeriodReading(settings: PeriodSettings(yearSpans: .school, yearStart: .january1))
        #expect(PeriodNotation.parse("2019/20", fromJanuary)?.description == "2019/2020")
        let october = PeriodReading(settings: PeriodSettings(yearSpans: .school, yearStart: YearStart(month: 10, day: 1)))
        #expect(PeriodNotation.parse("2019-2020", october)?.description == "2019-10-01/P1Y")
    }

    @Test func aBracketedRemarkIsTheValuesNote() {
        // 2016/18 spans three calendar years: a range, not a school year.
        #expect(PeriodNotation.read("2016/18 (baseline)") == .period(.range(.year(2016), .year(2018)), note: "baseline"))
        #expect(PeriodNotation.read("2020 ( voorlopig )") == .period(.year(2020), note: "voorlopig"))
        #expect(PeriodNotation.read("Q3 2020 (raming)") == .period(.quarter(year: 2020, quarter: 3), note: "raming"))
        #expect(PeriodNotation.read("(2020)") == .invalid)
        #expect(PeriodNotation.read("nooit (2020)") == .invalid)
    }
}
