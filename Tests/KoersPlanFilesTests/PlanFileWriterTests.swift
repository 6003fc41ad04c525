import Foundation
import KoersBundledData
import KoersCore
import KoersTestSupport
import Testing

@testable import KoersPlanFiles

/// The canonical plan file layout: the bundled plans are kept in it, and any text a user can type comes back through
/// the reader unchanged.
struct PlanFileWriterTests {
    /// Writes `catalogue`'s plans into a folder beside the bundled geography and indicators and loads them again.
    static func reload(_ catalogue: Catalogue, in folder: TemporaryFolder) throws -> Catalogue {
        for plan in catalogue.plans {
            try folder.write("plans/\(plan.id).yaml", PlanFileWriter.text(of: plan, organisations: catalogue.organisations,
                                                                          funding: catalogue.fundingProgrammes))
        }
        let others = CatalogueLoader.sources(in: BundledData.root).filter { !$0.name.hasPrefix("plans/") }
        return try CatalogueLoader.load(others + CatalogueLoader.sources(in: folder.url.appendingPathComponent("plans"),
                                                                         namePrefix: "plans/"))
    }

    @Test func everyBundledPlanFileIsInTheWritersLayout() throws {
        let catalogue = try CatalogueLoader.load(CatalogueLoader.sources(in: BundledData.root))
        #expect(catalogue.plans.count == 5)
        for plan in catalogue.plans {
            let written = PlanFileWriter.text(of: plan, organisations: catalogue.organisations, funding: catalogue.fundingProgrammes)
            let file = try String(contentsOf: BundledData.plans.appendingPathComponent("\(plan.id).yaml"), encoding: .utf8)
            #expect(written == file, "data/plans/\(plan.id).yaml is not in the layout koers export-plans writes")
        }
    }

    @Test func hostileTextsAndAwkwardNumbersComeBackAsTheyWere() throws {
        var catalogue = try CatalogueLoader.load(CatalogueLoader.sources(in: BundledData.root))
        var plan = try #require(catalogue.plans.first { $0.id == "streekvisie-zwv" })
        let hostile = "Quote \" backslash \\ newline\nline\u{2028}separator\ttab # not a comment: {not: [a map]} 'single' – ü ✓"
        plan.title = LocalizedText(nl: hostile, en: "true")
        plan.summary = LocalizedText(nl: String(repeating: "lang ", count: 60), en: "null")
        plan.nodes[0].targets = []
        plan.nodes[0].nodes[0].targets[0].text = "- starts like a list item"
        let start = try #require(Period("2016")), end = try #require(Period("2030"))
        plan.nodes[0].nodes[0].targets[0].baseline = Baseline(value: 0.1 + 0.2, period: start)
        plan.nodes[0].nodes[0].targets[0].goal = try #require(Goal(kind: .absolute, value: 0.000_000_7, direction: nil, period: end))
        plan.actions.append(Action(id: "a-new-action", title: LocalizedText(nl: "yes"), lead: "pom-wvl", partners: ["vdab"],
                                   budget: [BudgetLine(amount: 1e17, note: "on"), BudgetLine(amount: 12.5, approximate: true)],
                                   serves: [ActionTargetLink(plan: "streekvisie-zwv", target: "1.1.1", source: "p. 3: \"draagt bij\"")]))
        catalogue.plans[catalogue.plans.firstIndex { $0.id == plan.id }!] = plan
        let folder = try TemporaryFolder()
        let again = try Self.reload(catalogue, in: folder)
        let read = try #require(again.plans.first { $0.id == plan.id })
        #expect(read.title == plan.title)
        #expect(read.summary == plan.summary)
        #expect(read.nodes == plan.nodes)
        #expect(read.actions == plan.actions)
        #expect(again.plans == catalogue.plans)
    }

    @Test func aFileListsTheOrganisationsItsActionsNameEvenWhenItsOwnListLacksThem() throws {
        let catalogue = try CatalogueLoader.load(CatalogueLoader.sources(in: BundledData.root))
        var plan = try #require(catalogue.plans.first { $0.id == "relanceplan-wvl" })
        #expect(!plan.organisations.contains("kulak"))
        plan.actions[0].partners.append("kulak")
        let text = PlanFileWriter.text(of: plan, organisations: catalogue.organisations, funding: catalogue.fundingProgrammes)
        #expect(text.contains("  - {id: kulak, name: {nl: \"KU Leuven campus Kulak Kortrijk\""))
        #expect(text.components(separatedBy: "{id: pom-wvl,").count == 2, "each organisation once")
    }
}
