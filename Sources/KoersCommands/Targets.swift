import ArgumentParser
import KoersCore

/// `koers targets`: every ambition with its baseline and target.
struct Targets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the targets (ambitions) of the loaded plans.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Only the targets of this plan id.") var plan: String?
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() async throws {
        var plans = try await store.withStore { try await $0.plans() }
        if let plan {
            plans = plans.filter { $0.id == plan }
            guard !plans.isEmpty else { throw ValidationError("no plan with id '\(plan)'; see `koers plans`") }
        }
        let rows = plans.flatMap { plan in plan.allTargets.map { TargetJSON(plan: plan, node: $0.node, target: $0.target) } }
        if json {
            try JSONOutput.print(rows)
        } else {
            for r in rows {
                print("\(r.plan)\t\(r.code)\t\(r.region)\t\(r.baseline.value.map { "\($0)" } ?? "?") (\(r.baseline.period))"
                    + " → \(r.target.kind) \(r.target.value.map { "\($0)" } ?? r.target.direction ?? "") (\(r.target.period))\t\(r.text)")
            }
        }
    }
}

/// A target as `koers targets --json` prints it. Absent numbers are written as null, never left out.
struct TargetJSON: Encodable {
    struct BaselineJSON: Encodable {
        var value: Double?
        var period: String

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(value, forKey: .value)
            try c.encode(period, forKey: .period)
        }

        enum CodingKeys: String, CodingKey { case value, period }
    }

    struct GoalJSON: Encodable {
        var kind: String
        var value: Double?
        var direction: String?
        var period: String

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(value, forKey: .value)
            try c.encodeIfPresent(direction, forKey: .direction)
            try c.encode(period, forKey: .period)
        }

        enum CodingKeys: String, CodingKey { case kind, value, direction, period }
    }

    var plan: String
    var code: String
    var parent: String?
    var node: String
    var text: String
    var region: String
    var indicator: String
    var breakdown: [String: String]?
    var baseline: BaselineJSON
    var target: GoalJSON
    var note: LocalizedText?
    var source: String?

    init(plan: Plan, node: String, target t: Target) {
        self.plan = plan.id
        code = t.code
        parent = plan.allTargets.first { $0.target.subTargets.contains { $0.code == t.code } }?.target.code
        self.node = node
        text = t.text
        region = t.region
        indicator = t.indicator
        breakdown = t.breakdown.isEmpty ? nil : t.breakdown.dimensions
        baseline = BaselineJSON(value: t.baseline.value, period: t.baseline.period.description)
        target = GoalJSON(kind: t.goal.kind.rawValue, value: t.goal.value, direction: t.goal.direction?.rawValue,
                          period: t.goal.period.description)
        note = t.note
        source = t.source
    }
}
