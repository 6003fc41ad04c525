import Foundation
import KoersTestSupport
import Testing

/// Assessment happens in one step (`PlanAssessment`, `TargetAssessment`), reached through one gathering file
/// (`Sources/KoersAssessment/StoreReader+Assessment.swift`). Pages, the API and the command line only present its results:
/// when one of them calls a method or builds a verdict itself, two places can disagree on a verdict again, so this
/// test reads their sources and fails.
@Suite struct AssessmentCallSiteTests {
    /// Calls that compute progress: the step itself, the methods, and what they are built from.
    static let computing = [
        "TargetAssessment.assess(", "PlanAssessment(", "PlanProgress(", "ProgressRollUp(", "TargetQuestion.make(",
        "ProgressQuestion(", "ProgressBatch(", "OpenSDGMeasure.", "OpenSDGSeries.", "EurostatMeasure.", "LinearPath.",
        "TrendProjection.", "TrendFit(",
    ]

    /// Code lines (comments left out) of the Swift files under `folder`, with their place.
    static func codeLines(under folder: String) throws -> [(place: String, line: String)] {
        let root = SharedFolder.repositoryRoot.appendingPathComponent(folder)
        let files = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(!files.isEmpty, "no Swift files under \(folder)")
        return try files.flatMap { file in
            try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n").enumerated().compactMap { i, line in
                line.trimmingCharacters(in: .whitespaces).hasPrefix("//") ? nil
                    : ("\(folder)/\(file.lastPathComponent):\(i + 1)", line)
            }
        }
    }

    @Test(arguments: ["Sources/KoersViews", "Sources/KoersWeb", "Sources/KoersCommands"])
    func presentersDoNotComputeProgress(_ folder: String) throws {
        for (place, line) in try Self.codeLines(under: folder) {
            for call in Self.computing where line.contains(call) {
                Issue.record("\(place) calls \(call) itself; take the verdict from the assessment step (KoersAssessment)")
            }
        }
    }

    /// The check above would pass on anything if it read nothing: the gathering file must show the calls it looks for.
    @Test func theGatheringCallsTheStep() throws {
        let lines = try Self.codeLines(under: "Sources/KoersAssessment").map(\.line)
        for call in ["TargetAssessment.assess(", "PlanAssessment(", "OpenSDGMeasure."] {
            #expect(lines.contains { $0.contains(call) }, "\(call)")
        }
    }
}
