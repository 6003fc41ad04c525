import ArgumentParser
import Foundation
import KoersAssessment
import KoersCore
import KoersImport
import KoersProgress
import KoersStore
import KoersViews

/// `koers assess`: progress towards targets, by a published method, with the numbers behind each verdict.
struct Assess: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assess progress towards targets by a published method, with the numbers behind each verdict.",
        discussion: """
            Every target of the plans (or of --plan) is assessed with --method: open-sdg (Open SDG's progress measure, \
            the default), eurostat (the SDG monitoring report's classes), linear (the straight path from baseline to \
            target) or projection (least-squares trend with a 95 % prediction interval). Without --plan, indicators \
            imported from an Open SDG repository are also assessed as Open SDG's build does (open-sdg only): one line per \
            series and one per indicator (series null). See docs/methodology.md.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "The plan to assess; all plans when left out.") var plan: String?
    @Option(help: "The method: \(ProgressMethod.allCases.map(\.rawValue).joined(separator: ", ")).") var method: String = "open-sdg"
    @Option(name: .customLong("as-of"), help: "Assess as in this period (a year such as 2024): later values are left out, and a series that stopped more than 5 years before cannot be assessed.")
    var asOf: String?
    @Option(help: "The language of the explanations: nl or en.") var language: String = "nl"
    @Flag(help: "Print the results as JSON.") var json = false

    func run() async throws {
        guard let method = ProgressMethod(rawValue: method) else {
            throw ValidationError("unknown method '\(self.method)'; use one of \(ProgressMethod.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let language = Language(rawValue: language) else { throw ValidationError("--language is nl or en") }
        var asOfYear: Int?
        if let asOf {
            guard let period = Period(asOf) else { throw ValidationError("--as-of: not a period: '\(asOf)'") }
            asOfYear = period.endYear
        }
        let (lines, openSDG) = try await store.withStore { try await assess($0, method: method, language: language, asOfYear: asOfYear) }
        if json {
            try JSONOutput.print(lines.map(AnyLine.assessment) + openSDG.flatMap(OpenSDGResultLine.lines).map(AnyLine.openSDG))
        } else {
            for line in lines { print(line.text) }
            for r in openSDG {
                let status = r.status.code.isEmpty ? "no progress status (calculation off, none set)" : r.status.code
                print("\(r.indicator): \(status)\(r.score.map { ", score \(NumberText.short($0))" } ?? "")")
                for s in r.series {
                    print("  \(s.name): \(s.status.rawValue)"
                        + (s.progressValue.map { ", progress value \(NumberText.short($0))" } ?? "")
                        + (s.score.map { ", score \(NumberText.short($0))" } ?? "")
                        + (s.reason.map { " (\($0))" } ?? ""))
                }
            }
        }
    }

    /// Every target's verdict and every node's roll-up, and (all plans, Open SDG's method) each Open SDG indicator's.
    private func assess(_ opened: any Store, method: ProgressMethod, language: Language,
                        asOfYear: Int?) async throws -> ([AssessmentLine], [OpenSDGIndicatorResult]) {
        let indicators = Dictionary(try await opened.indicators().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var plans = try await opened.plans()
        if let plan {
            plans = plans.filter { $0.id == plan }
            guard !plans.isEmpty else { throw ValidationError("unknown plan '\(plan)'") }
        }
        let explanation = ProgressExplanation(language)
        var lines: [AssessmentLine] = []
        for p in plans {
            let progress = try await opened.assess(p, indicators: indicators, asOfYear: asOfYear).progress(method)
            for (_, target) in p.allTargets {
                guard let a = progress.targets[target.code], let indicator = indicators[target.indicator] else { continue }
                lines.append(AssessmentLine(kind: "target", plan: p.id, code: target.code, indicator: target.indicator,
                                            region: target.region, method: method.rawValue, assessment: a,
                                            explanation: explanation.text(a, indicator: indicator)))
            }
            for node in p.allNodes {
                guard let rollUp = progress.nodes[node.code] else { continue }
                lines.append(AssessmentLine(kind: node.kind, plan: p.id, code: node.code, method: method.rawValue, rollUp: rollUp))
            }
            lines.append(AssessmentLine(kind: "plan", plan: p.id, code: p.id, method: method.rawValue, rollUp: progress.plan))
        }
        var openSDG: [OpenSDGIndicatorResult] = []
        if plan == nil && method == .openSDG {
            for indicator in indicators.values.sorted(by: { $0.code < $1.code }) {
                let progressCode = indicator.code + OpenSDGRepository.progressSuffix
                guard let result = try await opened.assessOpenSDG(indicator, progressIndicator: indicators[progressCode] != nil ? progressCode : nil)
                else { continue }
                openSDG.append(result)
            }
        }
        return (lines, openSDG)
    }
}

/// A target's verdict, or a node's or plan's roll-up.
struct AssessmentLine: Encodable {
    var kind: String
    var plan: String
    var code: String
    var indicator: String?
    var region: String?
    var method: String
    var status: String?
    var reason: String?
    var numbers: [String: Double]?
    var explanation: String?
    var rollUp: ProgressRollUp?

    init(kind: String, plan: String, code: String, indicator: String? = nil, region: String? = nil, method: String,
         assessment: ProgressAssessment? = nil, explanation: String? = nil, rollUp: ProgressRollUp? = nil) {
        (self.kind, self.plan, self.code, self.indicator, self.region, self.method) = (kind, plan, code, indicator, region, method)
        status = assessment.map { $0.status?.rawValue ?? "cannot_assess" }
        reason = assessment?.reason?.description
        numbers = assessment?.numbers.map(Self.numbers)
        self.explanation = explanation
        self.rollUp = rollUp
    }

    enum CodingKeys: String, CodingKey {
        case kind, plan, code, indicator, region, method, status, reason, numbers, explanation, rollUp = "roll_up"
    }

    static func numbers(_ n: ProgressNumbers) -> [String: Double] {
        var d: [String: Double] = ["base_year": Double(n.baseYear), "base_value": n.baseValue,
                                   "current_year": Double(n.currentYear), "current_value": n.currentValue]
        let optional: [(String, Double?)] = [
            ("target", n.target), ("target_year", n.targetYear.map(Double.init)), ("required_yearly_change", n.requiredYearlyChange),
            ("actual_yearly_change", n.actualYearlyChange), ("required_growth_rate", n.requiredGrowthRate),
            ("actual_growth_rate", n.actualGrowthRate), ("expected_today", n.expectedToday), ("projection", n.projection),
            ("projection_low", n.projectionLow), ("projection_high", n.projectionHigh), ("probability", n.probability),
            ("progress_value", n.progressValue), ("score", n.score),
        ]
        for (key, value) in optional { if let value { d[key] = value } }
        return d
    }

    var text: String {
        if let rollUp {
            let counts = rollUp.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            guard rollUp.total > 0 else { return "\(plan) \(kind) \(code): no quantified targets" }
            return "\(plan) \(kind) \(code): \(rollUp.total) targets: \(counts)"
                + (rollUp.meanScore.map { "; mean score \(NumberText.short($0))" } ?? "")
        }
        return "\(plan) \(code) (\(indicator ?? ""), \(region ?? "")): \(status ?? "")\n  \(explanation ?? "")"
    }
}

/// The two kinds of line in one JSON list.
enum AnyLine: Encodable {
    case assessment(AssessmentLine)
    case openSDG(OpenSDGResultLine)

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .assessment(let l): try l.encode(to: encoder)
        case .openSDG(let l): try l.encode(to: encoder)
        }
    }
}

/// One line of `koers assess --json`: a series, or an indicator (`series` null).
struct OpenSDGResultLine: Encodable {
    var indicator: String
    var series: String?
    var progressValue: Double?
    var score: Double?
    var status: String
    var baseYear: Int?
    var baseValue: Double?
    var currentYear: Int?
    var currentValue: Double?
    var target: Double?
    var targetYear: Int?
    var direction: Int?
    var limit: Double?
    var reason: String?

    enum CodingKeys: String, CodingKey {
        case kind, indicator, series, progressValue = "progress_value", score, status, baseYear = "base_year",
             baseValue = "base_value", currentYear = "current_year", currentValue = "current_value", target,
             targetYear = "target_year", direction, limit, reason
    }

    static func lines(_ r: OpenSDGIndicatorResult) -> [OpenSDGResultLine] {
        r.series.map { s in
            OpenSDGResultLine(indicator: r.indicator, series: s.name, progressValue: s.progressValue, score: s.score,
                              status: s.status.rawValue, baseYear: s.baseYear, baseValue: s.baseValue, currentYear: s.currentYear,
                              currentValue: s.currentValue, target: s.target, targetYear: s.targetYear, direction: s.direction,
                              limit: s.limit, reason: s.reason?.description)
        } + [OpenSDGResultLine(indicator: r.indicator, series: nil, score: r.score, status: r.status.code)]
    }

    /// Every key is written, null included: a reader can tell "no score" from "not reported".
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(series == nil ? "open-sdg-indicator" : "open-sdg-series", forKey: .kind)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(series, forKey: .series)
        try c.encode(progressValue, forKey: .progressValue)
        try c.encode(score, forKey: .score)
        try c.encode(status, forKey: .status)
        try c.encode(baseYear, forKey: .baseYear)
        try c.encode(baseValue, forKey: .baseValue)
        try c.encode(currentYear, forKey: .currentYear)
        try c.encode(currentValue, forKey: .currentValue)
        try c.encode(target, forKey: .target)
        try c.encode(targetYear, forKey: .targetYear)
        try c.encode(direction, forKey: .direction)
        try c.encode(limit, forKey: .limit)
        try c.encode(reason, forKey: .reason)
    }
}

/// Numbers in terminal output: 0.0031, -0.94.
enum NumberText {
    static func short(_ v: Double) -> String { String(format: "%.4g", v) }
}
