import Foundation
import KoersCore
import Testing

@Suite struct GoalTests {
    @Test func eachKindNeedsItsParts() {
        let p = Period.year(2030)
        #expect(Goal(kind: .absolute, value: 80, direction: nil, period: p) == .absolute(value: 80, period: p))
        #expect(Goal(kind: .relative, value: 25, direction: nil, period: p)?.value == 25)
        #expect(Goal(kind: .absolute, value: nil, direction: nil, period: p) == nil)
        #expect(Goal(kind: .direction, value: nil, direction: .up, period: p) == .direction(.up, period: p))
        #expect(Goal(kind: .direction, value: nil, direction: Direction.none, period: p) == nil)
        #expect(Goal(kind: .direction, value: nil, direction: nil, period: p) == nil)
    }

    @Test func targetJSONRoundTripsWithSubTargets() throws {
        let target = Target(code: "2.1.1", text: "Stijging van het aandeel werkenden", indicator: "werkzaamheidsgraad",
                            region: "ZWV", baseline: Baseline(value: 75.4, period: .year(2016)),
                            goal: .absolute(value: 80, period: .year(2030)),
                            subTargets: [Target(code: "2.1.1.a", text: "Laaggeschoolden", indicator: "werkzaamheidsgraad",
                                                region: "30000", breakdown: Breakdown(["education": "low", "age": "15-64"]),
                                                baseline: Baseline(value: 44.4, period: .year(2016)),
                                                goal: .absolute(value: 50, period: .year(2030)))])
        let decoded = try JSONDecoder().decode(Target.self, from: JSONEncoder().encode(target))
        #expect(decoded == target)
        #expect(decoded.descendants.map(\.code) == ["2.1.1.a"])
    }
}

@Suite struct BreakdownTests {
    @Test func keyIsStableAndParses() throws {
        let b = Breakdown(["sex": "F", "age": "20-64"])
        #expect(b.key == "age=20-64;sex=F")
        #expect(Breakdown(key: b.key) == b)
        #expect(Breakdown(key: "") == Breakdown())
        #expect(Breakdown(key: "age") == nil)
    }
}

@Suite struct BudgetSummaryTests {
    @Test func totalsPerCategoryAndFundingSource() {
        let actions = [
            Action(id: "a", title: LocalizedText(nl: "A"), participation: .subsidy,
                   budget: [BudgetLine(amount: 500_000, funding: "provinciaal-budget", approximate: true)]),
            Action(id: "b", title: LocalizedText(nl: "B"), participation: .subsidy,
                   budget: [BudgetLine(amount: 2_000_000, funding: "efro"), BudgetLine(amount: 500_000, funding: "provinciaal-budget")]),
            Action(id: "c", title: LocalizedText(nl: "C"), budget: [BudgetLine(amount: 1_000_000)]),
            Action(id: "d", title: LocalizedText(nl: "D")),
        ]
        let s = BudgetSummary(actions: actions)
        #expect(s.total == 4_000_000)
        #expect(s.approximate)
        #expect(s.byParticipation[.subsidy] == 3_000_000)
        #expect(s.byParticipation[nil] == 1_000_000)
        #expect(s.byFunding["provinciaal-budget"] == 1_000_000)
        #expect(s.byFunding["efro"] == 2_000_000)
        #expect(s.byFunding[nil] == 1_000_000)
        #expect(s.actionsWithBudget == 3)
        #expect(s.actionsWithoutBudget == 1)
    }

    @Test func planWalksItsTreeInDocumentOrder() {
        let t = { (code: String) in
            Target(code: code, text: code, indicator: "i", region: "ZWV", baseline: Baseline(period: .year(2016)),
                   goal: .direction(.up, period: .year(2030)))
        }
        var sub = t("1.1.1")
        sub.subTargets = [t("1.1.1.a")]
        let plan = Plan(id: "p", title: LocalizedText(nl: "P"), region: "ZWV", nodes: [
            PlanNode(code: "1", kind: "pillar", title: LocalizedText(nl: "Een"), nodes: [
                PlanNode(code: "1.1", kind: "building-block", title: LocalizedText(nl: "Een.een"), targets: [sub]),
            ]),
            PlanNode(code: "2", kind: "pillar", title: LocalizedText(nl: "Twee"), targets: [t("2.0.1")]),
        ])
        #expect(plan.allNodes.map(\.code) == ["1", "1.1", "2"])
        #expect(plan.allTargets.map(\.target.code) == ["1.1.1", "1.1.1.a", "2.0.1"])
        #expect(plan.allTargets.map(\.node) == ["1.1", "1.1", "2"])
        #expect(plan.node("1.1")?.title.nl == "Een.een")
    }
}
