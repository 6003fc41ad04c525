import KoersCore

extension Store {
    /// Recomputes every derived value from the values read: remapped and aggregated values of indicators with an
    /// aggregation rule, then formula indicators (in the order their inputs allow). Run after every import, so derived
    /// values always follow their inputs. An indicator whose values cannot be combined (different kinds of period)
    /// keeps no derived values and is named in the report.
    @discardableResult
    public func recomputeDerivations() async throws -> DerivationReport {
        let indicators = try await self.indicators()
        let engine = DerivationEngine(geography: try await geography())
        var report = DerivationReport()
        for indicator in indicators where indicator.formula == nil && indicator.aggregation != .none {
            var weights: [DerivationEngine.WeightKey: Double] = [:]
            let values = try await observations(indicator: indicator.code, regions: nil)
            var weightValues: [Observation] = []
            if indicator.aggregation == .mean, let weight = indicator.weight {
                weightValues = try await observations(indicator: weight, regions: nil)
            }
            for o in weightValues { weights[.init(region: o.region, period: o.period, breakdown: o.breakdown)] = o.value }
            if let problem = DerivationEngine.periodKindProblem(indicator, values: values,
                                                                others: indicator.weight.map { [$0: weightValues] } ?? [:]) {
                try await replaceDerived(indicator: indicator.code, with: [])
                report.refused.append(problem)
                continue
            }
            let derived = engine.aggregate(values, rule: .init(indicator: indicator, weights: weights))
            try await replaceDerived(indicator: indicator.code, with: derived)
            report.count += derived.count
        }
        // Formulas may read other formulas: evaluate those whose inputs are done first.
        var pending = indicators.filter { $0.formula != nil }
        var done = Set(indicators.filter { $0.formula == nil }.map(\.code))
        while let next = pending.firstIndex(where: { (try? Formula($0.formula!))?.inputs.isSubset(of: done) ?? true }) {
            let indicator = pending.remove(at: next)
            done.insert(indicator.code)
            guard let formula = try? Formula(indicator.formula!) else { continue }
            var byInput: [String: [Observation]] = [:]
            for code in formula.inputs { byInput[code] = try await observations(indicator: code, regions: nil) }
            if let problem = DerivationEngine.periodKindProblem(indicator, values: [], others: byInput) {
                try await replaceDerived(indicator: indicator.code, with: [])
                report.refused.append(problem)
                continue
            }
            let existing = Set(try await observations(indicator: indicator.code, regions: nil).filter { $0.derivation == nil }.map(\.key))
            let derived = engine.evaluate(formula, for: indicator, inputs: formula.inputs.sorted().flatMap { byInput[$0] ?? [] }, existing: existing)
            try await replaceDerived(indicator: indicator.code, with: derived)
            report.count += derived.count
        }
        return report
    }
}

/// What recomputing the derived values did.
public struct DerivationReport: Sendable, Hashable {
    /// How many values were derived.
    public var count = 0
    /// Indicators left without derived values, each with why (values of different kinds of period).
    public var refused: [String] = []

    public init() {}
}
