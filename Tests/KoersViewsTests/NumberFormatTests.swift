import Foundation
import KoersCore
import KoersViews
import KoersProgress
import Testing

@Suite struct NumberFormatTests {
    let nl = NumberFormat(.nl)
    let en = NumberFormat(.en)

    @Test(arguments: [(1234.5, 1, "1.234,5", "1,234.5"), (7719, 0, "7.719", "7,719"), (0.05, 1, "0,1", "0.1"),
                      (-1234567.891, 2, "−1.234.567,89", "−1,234,567.89"), (999.999, 2, "1.000,00", "1,000.00"),
                      (-0.04, 1, "0,0", "0.0"), (75.4, 0, "75", "75")])
    func groupsAndDecimalsPerLanguage(_ value: Double, _ decimals: Int, _ dutch: String, _ english: String) {
        #expect(nl.number(value, decimals: decimals) == dutch)
        #expect(en.number(value, decimals: decimals) == english)
    }

    @Test func documentNumbersAreWrittenAsTheDocumentWritesThem() {
        #expect(nl.plain(75.4) == "75,4")
        #expect(nl.plain(80) == "80")
        #expect(nl.plain(28309) == "28.309")
        #expect(nl.value(75.4, unit: .percent) == "75,4\u{00A0}%")
        #expect(nl.value(686.5, unit: .perKm2) == "686,5\u{00A0}per km²")
        #expect(nl.change(25) == "+25\u{00A0}%")
        #expect(nl.change(-22) == "−22\u{00A0}%")
        #expect(nl.euro(2_500_000) == "€\u{00A0}2.500.000")
        #expect(en.euro(2_500_000) == "€\u{00A0}2,500,000")
        #expect(nl.number(.nan) == "–")
        #expect(nl.number(.infinity) == "–")
    }

    /// Halves round away from zero on the decimal the document wrote, not on its binary approximation.
    @Test(arguments: [(1.005, 2, "1,01", "1.01"), (0.5, 0, "1", "1"), (1.5, 0, "2", "2"), (2.5, 0, "3", "3"),
                      (-2.5, 0, "−3", "−3"), (0.125, 2, "0,13", "0.13"), (2.675, 2, "2,68", "2.68"),
                      (0.30000000000000004, 1, "0,3", "0.3"), (123_456_789_012.345, 2, "123.456.789.012,35", "123,456,789,012.35")])
    func halvesRoundOnTheWrittenDecimal(_ value: Double, _ decimals: Int, _ dutch: String, _ english: String) {
        #expect(nl.number(value, decimals: decimals) == dutch)
        #expect(en.number(value, decimals: decimals) == english)
    }

    /// Every finite double is written without trapping; from 10¹⁵ on in scientific notation with the shortest digits
    /// that read back as the same double, so nothing is rounded away or invented.
    @Test(arguments: [
        (Double.greatestFiniteMagnitude, "1,7976931348623157\u{00A0}×\u{00A0}10³⁰⁸", "1.7976931348623157\u{00A0}×\u{00A0}10³⁰⁸"),
        (-Double.greatestFiniteMagnitude, "−1,7976931348623157\u{00A0}×\u{00A0}10³⁰⁸", "−1.7976931348623157\u{00A0}×\u{00A0}10³⁰⁸"),
        (9.2e18, "9,2\u{00A0}×\u{00A0}10¹⁸", "9.2\u{00A0}×\u{00A0}10¹⁸"),
        (-9.2e18, "−9,2\u{00A0}×\u{00A0}10¹⁸", "−9.2\u{00A0}×\u{00A0}10¹⁸"),
        (Double(Int64.max), "9,223372036854776\u{00A0}×\u{00A0}10¹⁸", "9.223372036854776\u{00A0}×\u{00A0}10¹⁸"),
        (1e300, "1\u{00A0}×\u{00A0}10³⁰⁰", "1\u{00A0}×\u{00A0}10³⁰⁰"),
        (1e15, "1\u{00A0}×\u{00A0}10¹⁵", "1\u{00A0}×\u{00A0}10¹⁵"),
    ])
    func largeMagnitudesInScientificNotation(_ value: Double, _ dutch: String, _ english: String) {
        for decimals in [0, 1, 6] {
            #expect(nl.number(value, decimals: decimals) == dutch)
            #expect(en.number(value, decimals: decimals) == english)
        }
        #expect(nl.plain(value) == dutch)
        #expect(nl.value(value, unit: .percent, decimals: 1) == dutch + "\u{00A0}%")
        #expect(en.euro(value) == "€\u{00A0}" + english)
        #expect(nl.change(value).hasSuffix(dutch + "\u{00A0}%"))
    }

    /// Just below the threshold numbers stay in fixed notation, grouped: every integer there is exact in a double.
    @Test func justBelowTheThresholdStaysFixed() {
        #expect(nl.number(999_999_999_999_999) == "999.999.999.999.999")
        #expect(en.number(-999_999_999_999_999) == "−999,999,999,999,999")
        #expect(nl.number(123_456_789_012.5, decimals: 1) == "123.456.789.012,5")
        #expect(nl.plain(12_345.5) == "12.345,5")
    }

    /// With fixed decimals a tiny value rounds to zero, as that precision means; written plainly (as a document value)
    /// a non-zero value is never shown as 0 but in scientific notation.
    @Test func tinyMagnitudes() {
        let least = Double.leastNonzeroMagnitude
        #expect(nl.number(least, decimals: 1) == "0,0")
        #expect(nl.number(-least, decimals: 2) == "0,00")
        #expect(nl.plain(least) == "5\u{00A0}×\u{00A0}10⁻³²⁴")
        #expect(en.plain(-least) == "−5\u{00A0}×\u{00A0}10⁻³²⁴")
        #expect(nl.plain(1e-300) == "1\u{00A0}×\u{00A0}10⁻³⁰⁰")
        #expect(nl.plain(2.5e-7) == "2,5\u{00A0}×\u{00A0}10⁻⁷")
        #expect(nl.plain(0.000001) == "0,000001")
        #expect(nl.plain(0) == "0")
        #expect(nl.value(least, unit: .count) == "5\u{00A0}×\u{00A0}10⁻³²⁴")
    }

    /// A dense sweep over magnitudes: every rendering is finite text with Koers's separators only, and a fixed one
    /// reads back as the value rounded to its decimals (`significantDecimals` drops decimals below a billionth of the
    /// value, hence the relative tolerance).
    @Test func everyMagnitudeFormatsAndReadsBack() throws {
        var exponent = -324.0
        while exponent <= 308.25 {
            for mantissa in [1.0, 1.5, 4.9999, 9.99] {
                let value = mantissa * pow(10, exponent)
                guard value.isFinite, value != 0 else { continue }
                for v in [value, -value] {
                    let text = en.plain(v)
                    #expect(!text.contains("inf") && !text.contains("nan") && !text.contains("e"), "\(v): \(text)")
                    if !text.contains("×") {
                        let back = try #require(Double(text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "−", with: "-")))
                        #expect(abs(back - v) <= 0.51e-6 + abs(v) * 2e-9, "\(v): \(text)")
                    }
                }
            }
            exponent += 0.25
        }
    }

    @Test func periodsInWords() throws {
        #expect(nl.period(.year(2016)) == "2016")
        #expect(nl.period(.quarter(year: 2020, quarter: 3)) == "3e kwartaal 2020")
        #expect(en.period(.quarter(year: 2020, quarter: 3)) == "Q3 2020")
        #expect(nl.period(.month(year: 2020, month: 7)) == "juli 2020")
        #expect(nl.period(try #require(Period("2009/2017"))) == "2009–2017")
        #expect(nl.period(try #require(Period("2020-07/2020-08"))) == "juli 2020 – augustus 2020")
        #expect(nl.period(.day(year: 2019, month: 12, day: 31)) == "31 december 2019")
    }
}

@Suite struct TargetTextTests {
    let indicator = Indicator(code: "werkzaamheidsgraad", name: LocalizedText(nl: "Werkzaamheidsgraad"), unit: .percent, decimals: 1)

    @Test func eachKindOfGoalInDutch() throws {
        let words = TargetText(language: .nl, indicator: indicator)
        let count = TargetText(language: .nl, indicator: nil)
        #expect(words.baseline(Baseline(value: 75.4, period: .year(2016))) == "75,4\u{00A0}% (2016)")
        #expect(words.goal(.absolute(value: 80, period: .year(2030))) == "80\u{00A0}% in 2030")
        #expect(count.baseline(Baseline(period: .year(2020))) == "geen waarde vermeld (2020)")
        #expect(count.goal(.relative(percent: 25, period: .year(2030))) == "+25\u{00A0}% tegen 2030")
        #expect(count.goal(.maintain(value: 1000, period: .year(2030))) == "1.000 behouden tot 2030")
        #expect(words.goal(.average(value: 20, period: try #require(Period("2020/2030")))) == "gemiddeld 20\u{00A0}% over 2020–2030")
        #expect(words.baseline(Baseline(value: 9.2, period: try #require(Period("2009/2017")))) == "gemiddeld 9,2\u{00A0}% (2009–2017)")
        #expect(count.goal(.direction(.down, period: .year(2030))) == "daling tegen 2030")
    }

    @Test func englishToo() {
        let words = TargetText(language: .en, indicator: indicator)
        #expect(words.goal(.relative(percent: -20, period: .year(2030))) == "−20\u{00A0}% by 2030")
        #expect(words.goal(.maintain(value: 1000, period: .year(2030))) == "maintain 1,000\u{00A0}% until 2030")
    }
}

@Suite struct PlanPageTests {
    @Test func budgetTotalsPerCategoryAndSourceWithShares() {
        let plan = Plan(id: "p", title: LocalizedText(nl: "P"), region: "30000", actions: [
            Action(id: "a", title: LocalizedText(nl: "A"), participation: .subsidy,
                   budget: [BudgetLine(amount: 1_500_000, funding: "efro")]),
            Action(id: "b", title: LocalizedText(nl: "B"), budget: [BudgetLine(amount: 500_000, approximate: true)]),
            Action(id: "c", title: LocalizedText(nl: "C")),
        ])
        let lookup = Lookup(geography: Geography(), organisations: [],
                            funding: [FundingProgramme(id: "efro", name: LocalizedText(nl: "EFRO"))], indicators: [])
        let page = PlanPage(plan: plan, lookup: lookup, progress: PlanAssessment(plan: plan, indicators: [:], observations: [:]).progress(.openSDG))
        #expect(page.budget.total == "ca. €\u{00A0}2.000.000")
        #expect(page.budget.note == "1 actie zonder vermeld budget is niet meegeteld.")
        #expect(page.budget.byParticipation.map(\.label) == ["2. Subsidiëring", "Geen categorie vermeld"])
        #expect(page.budget.byParticipation.map(\.share) == ["75,0\u{00A0}%", "25,0\u{00A0}%"])
        #expect(page.budget.byFunding.map(\.label) == ["EFRO", "Geen bron vermeld"])
        #expect(page.actions.map(\.budget) == ["€\u{00A0}1.500.000", "ca. €\u{00A0}500.000", nil])
        #expect(page.hasActions && page.hasBudget && !page.hasTargets)
    }
}

/// Mustache looks a missing name up in the enclosing contexts: a node without a summary must not show its parent's.
@Suite struct TemplateContextTests {
    @Test func absentFieldsDoNotInheritTheParentsValues() async throws {
        let target = Target(code: "1.1.1", text: "Ambitie zonder bron", indicator: "x", region: "ZWV",
                            baseline: Baseline(period: .year(2016)), goal: .direction(.up, period: .year(2030)))
        let plan = Plan(id: "p", title: LocalizedText(nl: "Plan"), region: "ZWV", nodes: [
            PlanNode(code: "1", kind: "pillar", title: LocalizedText(nl: "Pijler"),
                     summary: LocalizedText(nl: "SAMENVATTING-VAN-DE-PIJLER"), source: "BRON-VAN-DE-PIJLER",
                     nodes: [PlanNode(code: "1.1", kind: "building-block", title: LocalizedText(nl: "Bouwsteen"), targets: [target])]),
        ])
        let lookup = Lookup(geography: Geography(), organisations: [], funding: [], indicators: [])
        let page = PlanPage(plan: plan, lookup: lookup, progress: PlanAssessment(plan: plan, indicators: [:], observations: [:]).progress(.openSDG))
        let html = try await PageRenderer().render(page, template: "plan", language: .nl, path: "/plannen/p")
        #expect(html.components(separatedBy: "SAMENVATTING-VAN-DE-PIJLER").count == 2)
        #expect(html.components(separatedBy: "BRON-VAN-DE-PIJLER").count == 2)
        #expect(!html.contains("Document: BRON-VAN-DE-PIJLER"))
    }
}
