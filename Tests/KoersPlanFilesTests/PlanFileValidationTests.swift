import Foundation
import KoersCore
import KoersTestSupport
import Testing

@testable import KoersPlanFiles

/// A small, valid set of data files; each test breaks one thing and checks the exact diagnostic.
struct MiniData {
    static let geography = """
        regions:
          - {code: "01000", level: country, nl: "België"}
          - {code: "30000", level: province, nl: "Provincie West-Vlaanderen", parent: "01000"}
          - {code: "34022", level: municipality, nl: "Kortrijk", parent: "30000"}
          - {code: "37015", level: municipality, nl: "Tielt", parent: "30000", valid_to: "2024-12-31"}
          - {code: "ZWV", level: custom, nl: "Zuid-West-Vlaanderen", parent: "30000"}
        compositions:
          ZWV: ["34022"]
        """
    static let indicators = """
        indicators:
          - code: werkzoekenden
            name: {nl: "Niet-werkende werkzoekenden", en: "Unemployed jobseekers"}
            unit: count
            direction: down
            source: VDAB
            processing: POM West-Vlaanderen
            aggregation: sum
        """
    static let plan = """
        id: testplan
        title: {nl: "Testplan"}
        owner: pom-wvl
        region: ZWV
        period: "2020/2030"
        organisations:
          - {id: pom-wvl, name: {nl: "POM West-Vlaanderen"}}
        funding_programmes:
          - {id: efro, name: {nl: "EFRO"}}
        nodes:
          - code: "2"
            kind: pillar
            title: {nl: "Kansrijke arbeidsmarkt"}
            nodes:
              - code: "2.1"
                kind: building-block
                title: {nl: "Aan de slag"}
                targets:
                  - code: "2.1.2"
                    text: "Daling van het aantal niet-werkende werkzoekenden van 7.719 in 2017 naar 6.000 in 2030"
                    indicator: werkzoekenden
                    region: ZWV
                    baseline: {value: 7719, period: "2017"}
                    target:
                      kind: absolute
                      value: 6000
                      period: "2030"
        actions:
          - id: actie-een
            title: {nl: "Actie"}
            node: "2.1"
            lead: pom-wvl
            participation: 2
            budget:
              - {amount: 500000, funding: efro, approximate: true}
        """

    let folder: TemporaryFolder

    init(plan: String = MiniData.plan, indicators: String = MiniData.indicators, extra: [String: String] = [:]) throws {
        folder = try TemporaryFolder()
        try folder.write("geography/regions.yaml", Self.geography)
        try folder.write("indicators/test.yaml", indicators)
        try folder.write("plans/testplan.yaml", plan)
        for (name, text) in extra { try folder.write(name, text) }
    }

    func load() throws(DataFileError) -> Catalogue {
        try CatalogueLoader.load(CatalogueLoader.sources(in: folder.url))
    }

    /// The 1-based line of the first line of `text` containing `marker`: expected lines follow the fixture.
    static func line(of marker: String, in text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(marker) }! + 1
    }

    /// The diagnostics of a load that must fail.
    func problems() -> [String] {
        do {
            _ = try load()
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }
}

@Suite struct PlanFileValidationTests {
    /// The fixture plan with `old` replaced, and the line (in the result) of the first line containing `marker`.
    func broken(_ old: String, _ new: String, lineOf marker: String) throws -> (MiniData, Int) {
        let text = MiniData.plan.replacingOccurrences(of: old, with: new)
        #expect(text != MiniData.plan, "the replacement must change the fixture")
        return (try MiniData(plan: text), MiniData.line(of: marker, in: text))
    }

    @Test func theValidSetLoads() throws {
        let catalogue = try MiniData().load()
        let plan = try #require(catalogue.plans.first)
        #expect(plan.id == "testplan")
        #expect(plan.allNodes.map(\.code) == ["2", "2.1"])
        let target = try #require(plan.allTargets.first?.target)
        #expect(target.baseline == Baseline(value: 7719, period: .year(2017)))
        #expect(target.goal == .absolute(value: 6000, period: .year(2030)))
        #expect(plan.actions.first?.budget == [BudgetLine(amount: 500_000, funding: "efro", approximate: true)])
        #expect(plan.actions.first?.participation == .subsidy)
        #expect(catalogue.geography.compositions["ZWV"] == ["34022"])
    }

    @Test func unknownIndicatorIsRefusedWithItsLine() throws {
        let (data, line) = try broken("indicator: werkzoekenden", "indicator: werkzoekende", lineOf: "indicator: werkzoekende")
        #expect(data.problems() == ["plans/testplan.yaml:\(line): unknown indicator 'werkzoekende' (did you mean 'werkzoekenden'?)"])
    }

    @Test func targetWithoutBaselinePeriodIsRefused() throws {
        let (data, line) = try broken("baseline: {value: 7719, period: \"2017\"}", "baseline: {value: 7719}", lineOf: "baseline:")
        #expect(data.problems() == ["plans/testplan.yaml:\(line): target 2.1.2: the baseline has no period"])
    }

    @Test func targetWithoutBaselineIsRefused() throws {
        let (data, line) = try broken("            baseline: {value: 7719, period: \"2017\"}\n", "", lineOf: "- code: \"2.1.2\"")
        #expect(data.problems() == ["plans/testplan.yaml:\(line): target 2.1.2: 'baseline' is required, with at least its period"])
    }

    @Test func duplicateNodeCodeIsRefused() throws {
        let (data, line) = try broken("code: \"2\"\n", "code: \"2.1\"\n", lineOf: "code: \"2.1\"")
        // The second "2.1" (the child) is the duplicate.
        #expect(data.problems() == ["plans/testplan.yaml:\(line + 4): duplicate node code '2.1' in this plan"])
    }

    @Test func duplicateIndicatorAcrossFilesNamesBothPlaces() throws {
        let data = try MiniData(extra: ["indicators/other.yaml": MiniData.indicators])
        #expect(data.problems() == ["indicators/test.yaml:2: duplicate indicator code 'werkzoekenden' (first defined at indicators/other.yaml:2)"])
    }

    @Test func unknownRegionIsRefusedWithASuggestion() throws {
        let (data, line) = try broken("    region: ZWV", "    region: Kortrik", lineOf: "region: Kortrik")
        #expect(data.problems() == ["plans/testplan.yaml:\(line): unknown region 'Kortrik' (did you mean '34022'?)"])
    }

    @Test func regionThatNoLongerExistsAtTheTargetDateIsRefused() throws {
        let (data, line) = try broken("    region: ZWV", "    region: \"37015\"", lineOf: "region: \"37015\"")
        #expect(data.problems() == ["plans/testplan.yaml:\(line): region 37015 (Tielt) does not exist in 2030"])
    }

    @Test(arguments: [("\"6000\"", "'value' must be a number, not quoted text"),
                      ("6.000,5", "'value' is not a number: '6.000,5' (write numbers with a decimal point and no thousands separator: 7719, 75.4)"),
                      ("6,000", "'value' is not a number: '6,000' (write numbers with a decimal point and no thousands separator: 7719, 75.4)"),
                      ("zesduizend", "'value' is not a number: 'zesduizend'"),
                      ("[6000]", "'value' must be a number, not quoted text")])
    func malformedNumberIsRefused(_ written: String, _ message: String) throws {
        let (data, line) = try broken("value: 6000", "value: \(written)", lineOf: "value: \(written)")
        #expect(data.problems() == ["plans/testplan.yaml:\(line): target 2.1.2 target: \(message)"])
    }

    @Test func misspelledKeyIsNotSilentlyIgnored() throws {
        let (data, line) = try broken("approximate: true", "aproximate: true", lineOf: "aproximate")
        let problems = data.problems()
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("plans/testplan.yaml:\(line): budget line: unknown key 'aproximate'") == true)
    }

    @Test func everyProblemOfEveryFileIsReportedAtOnce() throws {
        let text = MiniData.plan
            .replacingOccurrences(of: "indicator: werkzoekenden", with: "indicator: onbekend")
            .replacingOccurrences(of: "lead: pom-wvl", with: "lead: voka")
            .replacingOccurrences(of: "participation: 2", with: "participation: 5")
        let data = try MiniData(plan: text, indicators: "indicators:\n  - {code: X, name: {nl: x}, unit: count}\n")
        let problems = data.problems()
        #expect(problems.count == 4)
        #expect(problems.contains("indicators/test.yaml:2: indicator: 'code' must be lower-case letters, digits and hyphens, not 'X'"))
        #expect(problems.contains("plans/testplan.yaml:\(MiniData.line(of: "onbekend", in: text)): unknown indicator 'onbekend'"))
        #expect(problems.contains("plans/testplan.yaml:\(MiniData.line(of: "lead: voka", in: text)): unknown organisation 'voka'"))
        #expect(problems.contains { $0.hasPrefix("plans/testplan.yaml:\(MiniData.line(of: "participation: 5", in: text)): action: 'participation' must be 1") })
    }

    /// An action serves targets of its own plan (by default) or another's; one that names no target of any plan
    /// is refused where it is written, and so is a link without its source.
    @Test func anActionServesTargetsTheDocumentsStateAcrossPlans() throws {
        let other = """
            id: tweede-plan
            title: {nl: "Tweede plan"}
            region: ZWV
            actions:
              - id: actie-twee
                title: {nl: "Actie twee"}
                serves:
                  - {plan: testplan, target: "2.1.2", source: "p. 12: draagt bij aan ambitie 2.1.2"}
            """
        let linked = MiniData.plan.replacingOccurrences(of: "    participation: 2\n", with: """
                participation: 2
                serves:
                  - {target: "2.1.2", source: "§ 2.1"}
            """ + "\n")
        let catalogue = try MiniData(plan: linked, extra: ["plans/tweede-plan.yaml": other]).load()
        let actions = catalogue.plans.flatMap(\.actions)
        #expect(actions.first { $0.id == "actie-een" }?.serves == [ActionTargetLink(plan: "testplan", target: "2.1.2", source: "§ 2.1")])
        #expect(actions.first { $0.id == "actie-twee" }?.serves == [ActionTargetLink(plan: "testplan", target: "2.1.2",
                                                                                       source: "p. 12: draagt bij aan ambitie 2.1.2")])

        let wrong = other.replacingOccurrences(of: "target: \"2.1.2\", source", with: "target: \"9.9\", source")
            + "\n      - {plan: testplan, target: \"2.1.2\"}\n"
        let problems = try MiniData(extra: ["plans/tweede-plan.yaml": wrong]).problems()
        #expect(problems.contains("plans/tweede-plan.yaml:\(MiniData.line(of: "9.9", in: wrong)): unknown target 'testplan/9.9' (did you mean 'testplan/2.1.2'?)"), "\(problems)")
        #expect(problems.contains { $0.hasPrefix("plans/tweede-plan.yaml:\(MiniData.line(of: "{plan: testplan, target: \"2.1.2\"}", in: wrong))") && $0.contains("source") },
                "\(problems)")
    }

    @Test func aPlanSaysWhetherItsReportsWaitForApproval() throws {
        #expect(try MiniData().load().plans.first?.reportsNeedApproval == false)
        let asking = MiniData.plan.replacingOccurrences(of: "period: \"2020/2030\"\n", with: "period: \"2020/2030\"\nreport_approval: true\n")
        #expect(try MiniData(plan: asking).load().plans.first?.reportsNeedApproval == true)
        let wrong = asking.replacingOccurrences(of: "report_approval: true", with: "report_approval: misschien")
        #expect(try MiniData(plan: wrong).problems().first?.hasPrefix("plans/testplan.yaml:\(MiniData.line(of: "misschien", in: wrong)):") == true)
    }

    @Test func yamlSyntaxErrorPointsAtItsLine() throws {
        let (data, line) = try broken("title: {nl: \"Testplan\"}", "title: {nl: \"Testplan\"", lineOf: "owner:")
        let problems = data.problems()
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("plans/testplan.yaml:\(line): YAML syntax:") == true)
    }

    @Test func averageTargetNeedsARange() throws {
        let (data, line) = try broken("kind: absolute", "kind: average", lineOf: "period: \"2030\"")
        #expect(data.problems() == ["plans/testplan.yaml:\(line): target 2.1.2: an average target needs a range period such as 2020/2030"])
    }

    @Test func targetBeforeItsBaselineIsRefused() throws {
        let (data, line) = try broken("period: \"2030\"", "period: \"2015\"", lineOf: "period: \"2015\"")
        #expect(data.problems() == ["plans/testplan.yaml:\(line): target 2.1.2: the target period 2015 is not after the baseline 2017"])
    }

    @Test func contextResolvesCodesDefinedElsewhere() throws {
        let context = try MiniData().load()
        let folder = try TemporaryFolder()
        let only = try folder.write("plan.yaml", MiniData.plan)
        // The plan alone: its indicator and regions come from the context.
        let catalogue = try CatalogueLoader.load([.init(url: only, name: "plan.yaml")], context: context)
        #expect(catalogue.plans.count == 1)
        #expect(catalogue.indicators.isEmpty)
        #expect(throws: DataFileError.self) { try CatalogueLoader.load([.init(url: only, name: "plan.yaml")]) }
    }
}
