/// Computes the values Koers derives from what it read: 2025 municipalities from their predecessors, larger regions
/// from their municipalities, and formula indicators from their inputs. Pure: observations in, observations out.
///
/// A derived value is only computed when every input is there: a region whose municipalities are not all known is a
/// gap, never a partial sum. Values read from a file or document are never replaced by derived ones.
public struct DerivationEngine: Sendable {
    public let geography: Geography
    /// Region code → its municipalities on the 2025 boundaries and on the 2019–2024 boundaries.
    private let members: [String: (current: Set<String>, former: Set<String>)]

    public init(geography: Geography) {
        self.geography = geography
        let municipalities = geography.regions.values.filter { $0.level == .municipality }
        var members: [String: (current: Set<String>, former: Set<String>)] = [:]
        for m in municipalities {
            for ancestor in geography.ancestors(of: m.code) {
                if m.validTo == nil { members[ancestor.code, default: ([], [])].current.insert(m.code) }
                if m.validFrom == nil { members[ancestor.code, default: ([], [])].former.insert(m.code) }
            }
        }
        for (custom, codes) in geography.compositions {
            members[custom] = (Set(codes), Set(codes.flatMap { geography.predecessors(of: $0) }))
        }
        self.members = members
    }

    /// What to derive for one indicator.
    public struct Rule: Sendable {
        public var indicator: Indicator
        /// Weights per observation key of the weight indicator (for `mean`), keyed by region, period and breakdown.
        public var weights: [WeightKey: Double]

        public init(indicator: Indicator, weights: [WeightKey: Double] = [:]) {
            self.indicator = indicator
            self.weights = weights
        }
    }

    public struct WeightKey: Hashable, Sendable {
        public var region: String
        public var period: Period
        public var breakdown: Breakdown

        public init(region: String, period: Period, breakdown: Breakdown) {
            self.region = region
            self.period = period
            self.breakdown = breakdown
        }
    }

    /// Remapped and aggregated values of one indicator from its read (not derived) observations.
    public func aggregate(_ observations: [Observation], rule: Rule) -> [Observation] {
        guard rule.indicator.aggregation != .none else { return [] }
        let read = observations.filter { $0.derivation == nil }
        var known = Set(read.map(\.key))
        var result: [Observation] = []
        // Group by period and breakdown: each group is one map of municipal values.
        let groups = Dictionary(grouping: read) { GroupKey(period: $0.period, breakdown: $0.breakdown) }
        for (group, values) in groups.sorted(by: { ($0.key.period, $0.key.breakdown.key) < ($1.key.period, $1.key.breakdown.key) }) {
            var byRegion = Dictionary(values.map { ($0.region, $0) }, uniquingKeysWith: { a, _ in a })
            // 1. 2025 municipalities formed by a merger, from their predecessors.
            for succession in Set(geography.successions.map(\.to)).sorted() {
                let from = geography.predecessors(of: succession)
                guard byRegion[succession] == nil, from != [succession],
                      let value = combine(from, byRegion, rule, group) else { continue }
                let o = derived(rule.indicator, succession, group, value, .remapped, from: from.compactMap { byRegion[$0] })
                byRegion[succession] = o
                if known.insert(o.key).inserted { result.append(o) }
            }
            // 2. Larger regions from their municipalities, on whichever boundaries the data covers completely.
            for (region, sets) in members.sorted(by: { $0.key < $1.key }) where byRegion[region] == nil {
                let basis = sets.current.allSatisfy { byRegion[$0] != nil } ? sets.current
                    : sets.former.allSatisfy { byRegion[$0] != nil } ? sets.former : nil
                guard let basis, !basis.isEmpty, let value = combine(basis.sorted(), byRegion, rule, group) else { continue }
                let o = derived(rule.indicator, region, group, value, .aggregated, from: basis.compactMap { byRegion[$0] })
                if known.insert(o.key).inserted { result.append(o) }
            }
        }
        return result
    }

    /// Values of a formula indicator wherever all its inputs have a value for the same region, period and breakdown.
    public func evaluate(_ formula: Formula, for indicator: Indicator, inputs: [Observation], existing: Set<ObservationKey>) -> [Observation] {
        var table: [WeightKey: [String: Double]] = [:]
        for o in inputs { table[WeightKey(region: o.region, period: o.period, breakdown: o.breakdown), default: [:]][o.indicator] = o.value }
        return table.compactMap { key, values -> Observation? in
            guard let value = formula.evaluate(values), value.isFinite else { return nil }
            let o = Observation(indicator: indicator.code, region: key.region, period: key.period, breakdown: key.breakdown,
                                value: value, source: "Koers: \(indicator.formula ?? "")", derivation: .derived)
            return existing.contains(o.key) ? nil : o
        }.sorted { ($0.region, $0.period, $0.breakdown.key) < ($1.region, $1.period, $1.breakdown.key) }
    }

    /// Why values of different kinds of period cannot be combined, or nil when they can: a weighted mean whose weights
    /// are for none of the kinds of period the values are for (a school-year rate weighted by calendar-year
    /// populations), a formula whose inputs share no kind of period. Koers adds and divides values of the same period
    /// only; this says so instead of leaving every derived value a silent gap.
    public static func periodKindProblem(_ indicator: Indicator, values: [Observation], others: [String: [Observation]]) -> String? {
        // Inputs count with their derived values (a formula may read another formula); the indicator's own derived
        // values are what is being recomputed, so they do not.
        func kinds(_ os: [Observation]) -> Set<PeriodKind> { Set(os.lazy.map(\.period.kind)) }
        func names(_ k: Set<PeriodKind>) -> String { k.sorted { $0.rawValue < $1.rawValue }.map { $0.plural.en ?? $0.plural.nl }.joined(separator: " and ") }
        if indicator.formula != nil {
            let each = others.filter { !$0.value.isEmpty }.mapValues(kinds)
            guard each.count > 1, each.values.dropFirst().reduce(each.values.first!, { $0.intersection($1) }).isEmpty else { return nil }
            let inputs = each.keys.sorted().map { "'\($0)' is for \(names(each[$0]!))" }.joined(separator: ", ")
            return "\(indicator.code) not derived: its formula combines values of different kinds of period (\(inputs)); "
                + "Koers combines only values for the same period"
        }
        guard indicator.aggregation == .mean, let weight = indicator.weight, let w = others[weight], !w.isEmpty else { return nil }
        let valueKinds = kinds(values.filter { $0.derivation == nil }), weightKinds = kinds(w)
        guard !valueKinds.isEmpty, valueKinds.isDisjoint(with: weightKinds) else { return nil }
        return "\(indicator.code) not aggregated: its values are for \(names(valueKinds)), its weights ('\(weight)') for "
            + "\(names(weightKinds)); a weighted mean needs a weight for the same period as each value"
    }

    private struct GroupKey: Hashable {
        var period: Period
        var breakdown: Breakdown
    }

    /// Sum, or weighted mean with the rule's weights; nil when a value or a weight is missing.
    private func combine(_ codes: [String], _ values: [String: Observation], _ rule: Rule, _ group: GroupKey) -> Double? {
        var sum = 0.0, weights = 0.0
        for code in codes {
            guard let v = values[code]?.value else { return nil }
            switch rule.indicator.aggregation {
            case .mean:
                guard let w = rule.weights[WeightKey(region: code, period: group.period, breakdown: group.breakdown)]
                    ?? rule.weights[WeightKey(region: code, period: group.period, breakdown: Breakdown())] else { return nil }
                sum += v * w
                weights += w
            default:
                sum += v
            }
        }
        // Parts near the largest double can overflow to infinity, which no store, dump or page can hold: a gap instead.
        let value = rule.indicator.aggregation == .mean ? (weights > 0 ? sum / weights : .nan) : sum
        return value.isFinite ? value : nil
    }

    private func derived(_ indicator: Indicator, _ region: String, _ group: GroupKey, _ value: Double, _ how: Derivation,
                         from parts: [Observation]) -> Observation {
        // A derived value inherits the flags of its parts: an estimate in, an estimate out.
        let flags = parts.reduce(into: Set<ObservationFlag>()) { $0.formUnion($1.flags) }
        let word = how == .remapped ? "som van de voorgangers" : indicator.aggregation == .mean ? "gewogen gemiddelde" : "som"
        return Observation(indicator: indicator.code, region: region, period: group.period, breakdown: group.breakdown,
                           value: value, flags: flags, source: "Koers: \(word) van \(parts.count) gemeenten", derivation: how)
    }
}
