import Foundation
import KoersBundledData
import KoersCore
import KoersTestSupport
import Testing

@testable import KoersPlanFiles

/// The five seed plans as Koers ships them, checked against the seed documents in ../shared/seeds.
@Suite(.enabled(if: SharedFolder.shouldRun, "needs ../shared"))
struct BundledPlanTests {
    let catalogue: Catalogue

    init() throws {
        catalogue = try CatalogueLoader.load(CatalogueLoader.sources(in: BundledData.root))
    }

    /// The document text with PDF line-break hyphens and runs of white space removed.
    static func normalised(_ text: String) -> String {
        text.replacing(try! Regex(#"-[ \t]*\n\s*"#), with: "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    func plan(_ id: String) throws -> Plan { try #require(catalogue.plans.first { $0.id == id }) }

    func document(of plan: Plan) throws -> String {
        try SharedFolder.text("seeds/" + #require(plan.document?.file))
    }

    @Test func theFivePlansAreThere() {
        #expect(catalogue.plans.map(\.id).sorted() == ["fabrieken-voor-de-toekomst", "masterplan-wvl", "provinciaal-beleid",
                                                       "relanceplan-wvl", "streekvisie-zwv"])
        #expect(catalogue.plans.allSatisfy { $0.document?.file != nil })
    }

    @Test func streekvisieHasThreePillarsAndTwelveBuildingBlocks() throws {
        let streekvisie = try plan("streekvisie-zwv")
        #expect(streekvisie.nodes.map(\.code) == ["1", "2", "3"])
        #expect(streekvisie.nodes.allSatisfy { $0.kind == "pillar" })
        let blocks = streekvisie.allNodes.filter { $0.kind == "building-block" }
        #expect(blocks.map(\.code) == ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4"])
        // Titles as in the document's table of contents ("Bouwsteen 1.1: Vernieuwen, aantrekken en …").
        let text = try document(of: streekvisie)
        for block in blocks {
            #expect(text.contains("Bouwsteen \(block.code): \(block.title.nl)"), "\(block.code) \(block.title.nl)")
        }
    }

    @Test func everyAmbitionOfTheStreekvisieIsATargetWithTheDocumentsSentence() throws {
        let streekvisie = try plan("streekvisie-zwv")
        let text = try document(of: streekvisie)
        // Ambitions end in " - (1.3.1)" in the document.
        let pattern = try Regex(#"-\s*\((\d\.\d\.\d)\)"#)
        let inDocument = Set(text.matches(of: pattern).map { String($0.output[1].substring!) })
        let topLevel = Set(streekvisie.allNodes.flatMap(\.targets).map(\.code))
        #expect(inDocument.count == 29)
        #expect(inDocument.isSubset(of: topLevel))
        // Bouwsteen 3.4's two ambitions carry no code in the document; Koers numbers them and says so in a note.
        #expect(topLevel.subtracting(inDocument) == ["3.4.1", "3.4.2"])
        for code in ["3.4.1", "3.4.2"] {
            let note = streekvisie.allTargets.first { $0.target.code == code }?.target.note?.nl ?? ""
            #expect(note.contains("nummert deze ambitie niet"), "\(code) must say its code is Koers's")
        }
        let flat = Self.normalised(text)
        for (_, target) in streekvisie.allTargets {
            let found = flat.contains(Self.normalised(target.text))
            #expect(found, "\(target.code): sentence not found in the document")
        }
    }

    @Test func targetNumbersAreTheNumbersInTheirSentence() throws {
        for plan in catalogue.plans {
            for (_, target) in plan.allTargets {
                let sentence = Self.normalised(target.text) + " " + (target.note?.nl ?? "")
                for value in [target.baseline.value, target.goal.value].compactMap({ $0 }) {
                    let found = DutchNumber.variants(value).contains(where: sentence.contains)
                    #expect(found, "\(plan.id) \(target.code): \(value) is not in “\(target.text)”")
                }
            }
        }
    }

    @Test func subTargetsOfTwoOneOne() throws {
        let target = try #require(try plan("streekvisie-zwv").allTargets.first { $0.target.code == "2.1.1" }?.target)
        #expect(target.baseline == Baseline(value: 75.4, period: .year(2016)))
        #expect(target.goal == .absolute(value: 80, period: .year(2030)))
        #expect(target.subTargets.count == 4)
        let lowSkilled = try #require(target.subTargets.first)
        #expect(lowSkilled.region == "30000")
        #expect(lowSkilled.baseline.value == 44.4)
        #expect(lowSkilled.goal.value == 50)
    }

    @Test func theKindsOfAmbitionTheDocumentsUse() throws {
        let targets = Dictionary(uniqueKeysWithValues: try plan("streekvisie-zwv").allTargets.map { ($0.target.code, $0.target) })
        #expect(targets["1.1.1"]?.goal == .relative(percent: 25, period: .year(2030)))
        #expect(targets["1.1.1"]?.baseline.value == nil)
        #expect(targets["1.1.2"]?.goal == .maintain(value: 1000, period: .year(2030)))
        #expect(targets["1.4.3"]?.goal == .average(value: 20, period: try #require(Period("2020/2030"))))
        #expect(targets["1.4.3"]?.baseline == Baseline(value: 9.2, period: try #require(Period("2009/2017"))))
        #expect(targets["2.1.2"]?.goal == .absolute(value: 6000, period: .year(2030)))
        #expect(targets["2.1.2"]?.baseline == Baseline(value: 7719, period: .year(2017)))
        #expect(targets["2.3.2"]?.goal.kind == .share)
    }

    /// No invented numbers: every figure in the bundled observation files appears in the document it cites.
    @Test func everyBundledObservationValueIsInItsDocument() throws {
        for plan in catalogue.plans {
            let file = BundledData.observations.appendingPathComponent("\(plan.id).yaml")
            let observations = try CatalogueLoader.load([.init(url: file, name: file.lastPathComponent)], context: catalogue).observations
            let text = Self.normalised(try document(of: plan))
            for o in observations {
                let found = DutchNumber.variants(o.value).contains(where: text.contains)
                #expect(found, "\(plan.id): \(o.indicator) \(o.region) \(o.period) = \(o.value) is not in \(plan.document!.file!)")
            }
        }
    }

    /// Budgets as the documents write them ("2,5 miljoen euro", "een half miljoen").
    @Test func everyBudgetAmountIsInItsDocument() throws {
        for plan in catalogue.plans {
            let text = Self.normalised(try document(of: plan))
            for action in plan.actions {
                for line in action.budget {
                    let found = DutchNumber.variants(line.amount).contains(where: text.contains)
                    #expect(found, "\(plan.id) \(action.id): \(line.amount) is not in the document")
                }
            }
        }
    }

    @Test func relanceplanBudgetsAsTheArticleStatesThem() throws {
        let relance = try plan("relanceplan-wvl")
        let amounts = relance.actions.compactMap(\.totalBudget).sorted()
        #expect(amounts == [500_000, 500_000, 1_000_000, 2_500_000])
        let summary = BudgetSummary(actions: relance.actions)
        #expect(summary.total == 4_500_000)
        #expect(summary.approximate)
        // The article's own total, "circa 6,5 miljoen euro", is more than the amounts it itemises.
        #expect(try document(of: relance).contains("6,5 miljoen"))
    }
}

/// The ways a Dutch document may write a number: 7.719 / 7719, 75,4, 111,0, 2,5 miljoen, half miljoen.
enum DutchNumber {
    static func variants(_ value: Double) -> [String] {
        let magnitude = abs(value)
        var result: [String] = []
        for decimals in 0...3 {
            let scale = pow(10.0, Double(decimals))
            guard abs((magnitude * scale).rounded() - magnitude * scale) < 1e-6 else { continue }
            let whole = Int(magnitude)
            let fraction = decimals == 0 ? "" : "," + String(format: "%0\(decimals)d", Int((magnitude - Double(whole)) * scale + 0.5))
            let digits = String(whole)
            var grouped = digits
            if digits.count > 3 {
                var d = digits
                var parts: [String] = []
                while d.count > 3 { parts.insert(String(d.suffix(3)), at: 0); d.removeLast(3) }
                parts.insert(d, at: 0)
                grouped = parts.joined(separator: ".")
                result.append(parts.joined(separator: " ") + fraction)
            }
            result += [grouped + fraction, digits + fraction]
        }
        if magnitude >= 100_000 {
            let millions = magnitude / 1_000_000
            if millions == 0.5 { result.append("half miljoen") }
            let m = millions == millions.rounded() ? String(Int(millions)) : String(millions).replacingOccurrences(of: ".", with: ",")
            result += ["\(m) miljoen", "\(m) mio", "\(m) M"]
        }
        // A bare number must stand alone: "8" inside "2018" does not count.
        return result.flatMap { v in [" \(v) ", " \(v)%", " \(v),", " \(v).", "(\(v)", " \(v)\u{00A0}", "-\(v)", "+\(v)", " \(v))", " \(v);", "\n\(v)"] }
    }
}
