import ArgumentParser
import KoersCore

/// `koers plans`: the loaded plans.
struct Plans: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the loaded plans.")

    @OptionGroup var store: StoreOptions
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() async throws {
        let plans = try await store.withStore { try await $0.plans() }
        if json {
            try JSONOutput.print(plans.map(PlanSummaryJSON.init))
        } else {
            for plan in plans {
                print("\(plan.id)\t\(plan.region)\t\(plan.period?.description ?? "-")\t"
                    + "\(plan.allTargets.count) targets\t\(plan.actions.count) actions\t\(plan.title.nl)")
            }
        }
    }
}

/// A plan as `koers plans --json` prints it: identity, source document and counts.
struct PlanSummaryJSON: Encodable {
    var id: String
    var title: LocalizedText
    var owner: String?
    var region: String
    var period: String?
    var document: DocumentReference?
    var nodes: Int
    var targets: Int
    var actions: Int
    var budgetTotal: Double?

    init(_ plan: Plan) {
        id = plan.id
        title = plan.title
        owner = plan.owner
        region = plan.region
        period = plan.period?.description
        document = plan.document
        nodes = plan.allNodes.count
        targets = plan.allTargets.count
        actions = plan.actions.count
        let budget = BudgetSummary(actions: plan.actions)
        budgetTotal = budget.actionsWithBudget > 0 ? budget.total : nil
    }

    enum CodingKeys: String, CodingKey {
        case id, title, owner, region, period, document, nodes, targets, actions
        case budgetTotal = "budget_total"
    }
}
