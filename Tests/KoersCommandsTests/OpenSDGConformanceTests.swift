import Foundation
import KoersTestSupport
import Testing
import Yams

/// Issue 4's conformance test: `koers import --format open-sdg` of Statistics Canada's repository followed by
/// `koers assess --method open-sdg --json` reproduces the results Open SDG's own build published
/// (`expected_progress.yml`), every series and every indicator, to 1e-9.
@Suite(.enabled(if: SharedFolder.shouldRun, "needs ../shared"))
struct OpenSDGConformanceTests {
    let cli = CommandLineTests()

    /// Indicators whose data file the shared folder leaves out (README: "a few very large data files are not
    /// included"): their published results cannot be computed from data. The formulas are checked on their
    /// published inputs in KoersProgressTests.
    static let withoutDataFile: Set<String> = ["12-2-1", "2-1-1"]
    /// 3-11-1's data file writes Open SDG translation keys (`data.Leading causes of death (ICD-10)`,
    /// `data.Malignant neoplasms [C00-C97]`) whose English text, which its options name (`Leading causes of death`,
    /// `Malignant neoplasms`), lives in Statistics Canada's translation files; they are not in the folder.
    static let needsTranslations: Set<String> = ["3-11-1"]

    /// A published repository, how it is imported and what of it cannot be compared.
    struct Repository: Sendable, CustomTestStringConvertible {
        var folder: String
        var importArguments: [String]
        /// Indicators left out of the comparison, and why.
        var leftOut: [String: String]
        /// Indicators whose published score is not the mean of their series (their series are still compared).
        var inconsistentScores: Set<String> = []
        /// Indicators and series compared.
        var compared: Int
        var testDescription: String { folder }
    }

    static let repositories = [
        Repository(folder: "conformance/open-sdg-canada", importArguments: [],
                   leftOut: Dictionary(uniqueKeysWithValues: (withoutDataFile.union(needsTranslations)).map { ($0, "see above") }),
                   // 42 indicators and 77 series in the file: 39 indicators computable from the folder, with
                   // 77 − 4 − 10 series (12-2-1 has 3, 2-1-1 one, 3-11-1 ten).
                   compared: 39 + 63),
        Repository(folder: "conformance/open-sdg-canada-national", importArguments: ["--each-file"],
                   leftOut: ["9-b-1": "its data file is refused (a value 'Inf' on line 148)",
                             "2-4-1": "its options name a series its data file does not have (KoersProgressTests)"],
                   inconsistentScores: ["4-5-1", "4-a-1"],
                   // 131 indicators with 136 series; 9-b-1 and 2-4-1 have one series each.
                   compared: 129 + 134),
    ]

    @Test(arguments: repositories) func everySeriesAndIndicatorMatchesThePublishedResults(_ repository: Repository) throws {
        let folder = try TemporaryFolder()
        let path = SharedFolder.url(repository.folder)
        let imported = try cli.koers(["import", "--format", "open-sdg", path.path] + repository.importArguments, in: folder)
        #expect(imported.status == (repository.leftOut["9-b-1"] == nil ? 0 : 1), "\(imported.errors)")
        let assessed = try cli.koers(["assess", "--method", "open-sdg", "--json"], in: folder)
        #expect(assessed.status == 0, "\(assessed.errors)")
        var results: [String: [String: Any]] = [:]
        var order: [String] = []
        for line in try cli.json(assessed) where (line["kind"] as? String)?.hasPrefix("open-sdg") == true {
            let indicator = try #require(line["indicator"] as? String)
            let key = indicator + " | " + ((line["series"] as? String) ?? "-")
            results[key] = line
            order.append(key)
        }

        let text = try String(contentsOf: path.appendingPathComponent("expected_progress.yml"), encoding: .utf8)
        let expected = try #require(try Yams.load(yaml: text) as? [String: [String: Any]])
        var compared = 0
        for (indicator, entries) in expected.sorted(by: { $0.key < $1.key }) where repository.leftOut[indicator] == nil {
            let line = results[indicator + " | -"]
            #expect(line != nil, "no result for indicator \(indicator)")
            if !repository.inconsistentScores.contains(indicator) { expectSame(line?["score"], entries["score"], "\(indicator) score") }
            #expect(line?["status"] as? String == entries["progress_status"] as? String, "\(indicator) status")
            compared += 1
            for (series, value) in entries {
                guard let published = value as? [String: Any] else { continue }
                // A shortened key names the last series it fits, as the published file kept the last one written.
                let line = results[indicator + " | " + series]
                    ?? order.last { $0.hasPrefix(indicator + " | ") && Self.abbreviated(series, names: $0) }.flatMap { results[$0] }
                #expect(line != nil, "no result for series \(series)")
                for key in ["progress_value", "score", "base_value", "current_value", "target"] {
                    expectSame(line?[key], published[key], "\(series) \(key)")
                }
                for key in ["base_year", "current_year", "target_year", "direction"] {
                    expectSame(line?[key], published[key], "\(series) \(key)")
                }
                #expect(line?["status"] as? String == published["status"] as? String, "\(series) status")
                compared += 1
            }
        }
        #expect(compared == repository.compared)
    }

    /// Whether a published key abbreviates this result's "indicator | series" key: the published file shortens the
    /// parts of its one over-long key (3-9-1: `Diphtheria, Tetanus, acellular Pertussi...`) to a prefix and '...'.
    static func abbreviated(_ published: String, names key: String) -> Bool {
        let ours = key.components(separatedBy: " | ").last!.components(separatedBy: " / ")
        let parts = published.components(separatedBy: " / ")
        return parts.count == ours.count && parts.contains { $0.hasSuffix("...") } && zip(parts, ours).allSatisfy { p, o in
            p == o || (p.hasSuffix("...") && o.hasPrefix(p.dropLast(3)))
        }
    }

    /// Both null, or both numbers within 1e-9.
    func expectSame(_ actual: Any?, _ published: Any?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let a = Self.number(actual), p = Self.number(published)
        if p == nil {
            #expect(a == nil, "\(what): published null, Koers says \(String(describing: actual))", sourceLocation: sourceLocation)
        } else if let a, let p {
            #expect(abs(a - p) <= 1e-9, "\(what): published \(p), Koers says \(a)", sourceLocation: sourceLocation)
        } else {
            #expect(Bool(false), "\(what): published \(String(describing: p)), Koers says null", sourceLocation: sourceLocation)
        }
    }

    static func number(_ value: Any?) -> Double? {
        switch value {
        case let d as Double: d
        case let i as Int: Double(i)
        case let n as NSNumber: n.doubleValue
        default: nil
        }
    }
}
