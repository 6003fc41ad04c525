import KoersCore
import Testing

@Suite struct DerivationEngineTests {
    /// A province with two arrondissements; arrondissement B had two municipalities merged into one in 2025.
    let geography = Geography(
        regions: [
            Region(code: "P", name: LocalizedText(nl: "Provincie"), level: .province),
            Region(code: "A", name: LocalizedText(nl: "Arr. A"), level: .arrondissement, parent: "P"),
            Region(code: "B", name: LocalizedText(nl: "Arr. B"), level: .arrondissement, parent: "P"),
            Region(code: "a1", name: LocalizedText(nl: "a1"), level: .municipality, parent: "A"),
            Region(code: "a2", name: LocalizedText(nl: "a2"), level: .municipality, parent: "A"),
            Region(code: "b1", name: LocalizedText(nl: "b1"), level: .municipality, parent: "B", validTo: Day(year: 2024, month: 12, day: 31)),
            Region(code: "b2", name: LocalizedText(nl: "b2"), level: .municipality, parent: "B", validTo: Day(year: 2024, month: 12, day: 31)),
            Region(code: "b3", name: LocalizedText(nl: "b3"), level: .municipality, parent: "B", validFrom: Day(year: 2025, month: 1, day: 1)),
            Region(code: "S", name: LocalizedText(nl: "Streek"), level: .custom, parent: "P"),
        ],
        compositions: ["S": ["a2", "b3"]],
        successions: [RegionSuccession(from: "b1", to: "b3", date: Day(year: 2025, month: 1, day: 1)),
                      RegionSuccession(from: "b2", to: "b3", date: Day(year: 2025, month: 1, day: 1))])

    func o(_ indicator: String, _ region: String, _ value: Double, year: Int = 2020, flags: Set<ObservationFlag> = []) -> Observation {
        Observation(indicator: indicator, region: region, period: .year(year), value: value, flags: flags, source: "test")
    }

    func values(_ derived: [Observation]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: derived.map { ($0.region, $0.value) })
    }

    @Test func sumsRemapAndAggregateOnCompleteBoundariesOnly() {
        let engine = DerivationEngine(geography: geography)
        let counts = Indicator(code: "n", name: LocalizedText(nl: "n"), unit: .count, aggregation: .sum)
        let derived = engine.aggregate([o("n", "a1", 10), o("n", "a2", 20), o("n", "b1", 5, flags: [.provisional]), o("n", "b2", 7)],
                                       rule: .init(indicator: counts))
        #expect(values(derived) == ["b3": 12, "A": 30, "B": 12, "P": 42, "S": 32])
        #expect(derived.first { $0.region == "b3" }?.derivation == .remapped)
        #expect(derived.first { $0.region == "P" }?.derivation == .aggregated)
        // An estimate or provisional value in, a flagged value out.
        #expect(derived.first { $0.region == "B" }?.flags == [.provisional])

        // Without a2 neither A nor P can be summed: a gap, not a partial sum.
        let partial = engine.aggregate([o("n", "a1", 10), o("n", "b1", 5), o("n", "b2", 7)], rule: .init(indicator: counts))
        #expect(values(partial) == ["b3": 12, "B": 12])
    }

    /// Two values near the largest double sum to infinity: no derived value rather than one that is not a number.
    @Test func aSumThatOverflowsIsAGap() {
        let engine = DerivationEngine(geography: geography)
        let counts = Indicator(code: "n", name: LocalizedText(nl: "n"), unit: .count, aggregation: .sum)
        let derived = engine.aggregate([o("n", "a1", .greatestFiniteMagnitude), o("n", "a2", .greatestFiniteMagnitude),
                                        o("n", "b1", 5), o("n", "b2", 7)], rule: .init(indicator: counts))
        // A (and so P) would be infinite; the streek S is a2 + b3, which rounds to the largest double.
        #expect(values(derived) == ["b3": 12, "B": 12, "S": .greatestFiniteMagnitude])
        #expect(derived.allSatisfy { $0.value.isFinite })
    }

    @Test func publishedValuesAreNeverReplaced() {
        let engine = DerivationEngine(geography: geography)
        let counts = Indicator(code: "n", name: LocalizedText(nl: "n"), unit: .count, aggregation: .sum)
        let derived = engine.aggregate([o("n", "a1", 10), o("n", "a2", 20), o("n", "A", 31)], rule: .init(indicator: counts))
        #expect(values(derived)["A"] == nil)
    }

    @Test func ratesAreWeightedNotAveraged() {
        let engine = DerivationEngine(geography: geography)
        let rate = Indicator(code: "r", name: LocalizedText(nl: "r"), unit: .percent, aggregation: .mean, weight: "pop")
        let weights: [DerivationEngine.WeightKey: Double] = [
            .init(region: "a1", period: .year(2020), breakdown: Breakdown()): 100,
            .init(region: "a2", period: .year(2020), breakdown: Breakdown()): 300,
        ]
        let derived = engine.aggregate([o("r", "a1", 50), o("r", "a2", 70)], rule: .init(indicator: rate, weights: weights))
        #expect(values(derived)["A"] == 65)  // (50·100 + 70·300) / 400, not (50 + 70) / 2
        #expect(engine.aggregate([o("r", "a1", 50), o("r", "a2", 70)], rule: .init(indicator: rate)).isEmpty)
    }

    @Test func valuesAndWeightsOfDifferentKindsOfPeriodAreRefusedWithTheReason() {
        let rate = Indicator(code: "r", name: LocalizedText(nl: "r"), unit: .percent, aggregation: .mean, weight: "pop")
        let school = [o("r", "a1", 50), o("r", "a2", 70)].map {
            var v = $0; v.period = .splitYear(year: 2019, start: .september1); return v
        }
        let problem = DerivationEngine.periodKindProblem(rate, values: school, others: ["pop": [o("pop", "a1", 100)]])
        #expect(problem == "r not aggregated: its values are for school or fiscal years, its weights ('pop') for years; "
            + "a weighted mean needs a weight for the same period as each value")
        // Same kinds, or one shared kind among several, or no weights at all: nothing to refuse.
        #expect(DerivationEngine.periodKindProblem(rate, values: [o("r", "a1", 50)], others: ["pop": [o("pop", "a1", 100)]]) == nil)
        #expect(DerivationEngine.periodKindProblem(rate, values: school + [o("r", "a1", 50)], others: ["pop": [o("pop", "a1", 100)]]) == nil)
        #expect(DerivationEngine.periodKindProblem(rate, values: school, others: ["pop": []]) == nil)
        let sum = Indicator(code: "n", name: LocalizedText(nl: "n"), unit: .count, aggregation: .sum)
        #expect(DerivationEngine.periodKindProblem(sum, values: school, others: [:]) == nil)
    }

    @Test func formulaInputsWithoutACommonKindOfPeriodAreRefused() {
        let rate = Indicator(code: "w", name: LocalizedText(nl: "w"), unit: .percent, formula: "{a} / {b} * 100")
        var quarter = o("b", "A", 100); quarter.period = .quarter(year: 2020, quarter: 1)
        #expect(DerivationEngine.periodKindProblem(rate, values: [], others: ["a": [o("a", "A", 1)], "b": [quarter]])
            == "w not derived: its formula combines values of different kinds of period ('a' is for years, 'b' is for "
            + "quarters); Koers combines only values for the same period")
        #expect(DerivationEngine.periodKindProblem(rate, values: [], others: ["a": [o("a", "A", 1)], "b": [o("b", "A", 2)]]) == nil)
        #expect(DerivationEngine.periodKindProblem(rate, values: [], others: ["a": [o("a", "A", 1)], "b": []]) == nil)
        // An input that is itself a formula has only derived values: they count.
        var derived = o("a", "A", 1); derived.derivation = .derived
        #expect(DerivationEngine.periodKindProblem(rate, values: [], others: ["a": [derived], "b": [o("b", "A", 2)]]) == nil)
    }

    @Test func formulasAreComputedWhereAllInputsExist() throws {
        let engine = DerivationEngine(geography: geography)
        let formula = try Formula("{werkenden} / {bevolking-20-64} * 100")
        #expect(formula.inputs == ["werkenden", "bevolking-20-64"])
        let rate = Indicator(code: "werkzaamheidsgraad", name: LocalizedText(nl: "w"), unit: .percent, formula: "{werkenden} / {bevolking-20-64} * 100")
        let inputs = [o("werkenden", "A", 75), o("bevolking-20-64", "A", 100), o("werkenden", "B", 30), o("bevolking-20-64", "B", 0),
                      o("werkenden", "P", 105)]
        let derived = engine.evaluate(formula, for: rate, inputs: inputs, existing: [])
        // B divides by zero and P lacks a denominator: both gaps.
        #expect(values(derived) == ["A": 75])
        #expect(derived.first?.derivation == .derived)
    }

    @Test(arguments: [("{a} +", "the formula ends too early"), ("({a} + 1", "missing ')' at position 9"),
                      ("a - b", "unexpected 'a' at position 1 (indicator codes go in braces: {code})"),
                      ("{a} {b}", "unexpected '{' at position 5"), ("{}", "empty indicator code at position 1")])
    func malformedFormulasSayWhatIsWrong(_ text: String, _ message: String) {
        #expect(throws: Formula.ParseError(message: message)) { try Formula(text) }
    }

    @Test func precedenceAndNegation() throws {
        #expect(try Formula("1 + 2 * 3").evaluate([:]) == 7)
        #expect(try Formula("(1 + 2) * 3").evaluate([:]) == 9)
        #expect(try Formula("-{x} / 4").evaluate(["x": 2]) == -0.5)
        #expect(try Formula("{x} - {y}").evaluate(["x": 2]) == nil)
    }
}
