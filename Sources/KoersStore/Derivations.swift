import KoersCore

extension Store {
    /// Recomputes every derived value from the values read: remapped and aggregated values of indicators with an
    /// aggregation rule, then formula indicators (in the order their inputs allow). Run after every import, so derived
    /// values always follow their inputs. Returns how many values were derived.
    @discardableResult
    public func recomputeDerivations() async throws -> Int {
        let indicators = try await self.indicators()
        let engine = DerivationEngine(geography: try await geography())
        var count = 0
        for indicator in indicators where indicator.formula == nil && indicator.aggregation != .none {
            var weights: [DerivationEngine.WeightKey: Double] = [:]
            if indicator.aggregation == .mean, let weight = indicator.weight {
                for o in try await observations(indicator: weight, regions: nil) {
                    weights[.init(region: o.region, period: o.period, breakdown: o.breakdown)] = o.value
                }
            }
            let derived = engine.aggregate(try await observations(indicator: indicator.code, regions: nil),
                                           rule: .init(indicator: indicator, weights: weights))
            try await replaceDerived(indicator: indicator.code, with: derived)
            count += derived.count
        }
        // Formulas may read other formulas: evaluate those whose inputs are done first.
        var pending = indicators.filter { $0.formula != nil }
        var done = Set(indicators.filter { $0.formula == nil }.map(\.code))
        while let next = pending.firstIndex(where: { (try? Formula($0.formula!))?.inputs.isSubset(of: done) ?? true }) {
            let indicator = pending.remove(at: next)
            done.insert(indicator.code)
            guard let formula = try? Formula(indicator.formula!) else { continue }
            var inputs: [Observation] = []
            for code in formula.inputs { inputs += try await observations(indicator: code, regions: nil) }
            let existing = Set(try await observations(indicator: indicator.code, regions: nil).filter { $0.derivation == nil }.map(\.key))
            let derived = engine.evaluate(formula, for: indicator, inputs: inputs, existing: existing)
            try await replaceDerived(indicator: indicator.code, with: derived)
            count += derived.count
        }
        return count
    }
}
