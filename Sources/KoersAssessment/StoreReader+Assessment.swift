import KoersCore
import KoersProgress
import KoersStore

/// A target's stored values with its verdicts: what the target page, its chart and the API's target answer show.
public struct AssessedTarget: Sendable {
    /// Every stored value of the target's indicator, every region (the page's table and the chart's comparisons).
    public var observations: [Observation]
    public var assessment: TargetAssessment
}

// The only place that reads what the one assessment step (`PlanAssessment`, `TargetAssessment` in KoersProgress)
// needs from the store and calls it: the pages, the API, `koers assess` and reports all assess through here.
extension StoreReader {
    /// Every method's verdict on every target of `plan`, from the stored values of the targets' indicators, with the
    /// roll-ups per node and for the plan. With `asOfYear` the plan is assessed as in that year.
    public func assess(_ plan: Plan, indicators: [String: Indicator], asOfYear: Int? = nil) async throws -> PlanAssessment {
        var stored: [String: [Observation]] = [:]
        // An indicator the catalogue lacks has no values to read: its targets cannot be assessed anyway.
        for code in Set(plan.allTargets.map(\.target.indicator)) where indicators[code] != nil {
            stored[code] = try await observations(indicator: code, regions: nil)
        }
        return PlanAssessment(plan: plan, indicators: indicators, observations: stored, asOfYear: asOfYear)
    }

    /// Every method's verdict on one target, with every stored value of its indicator (also when the catalogue lacks
    /// the indicator: its values are still shown).
    public func assess(_ target: Target, indicators: [String: Indicator]) async throws -> AssessedTarget {
        let observations = try await observations(indicator: target.indicator, regions: nil)
        return AssessedTarget(observations: observations,
                              assessment: TargetAssessment.assess(target, indicator: indicators[target.indicator],
                                                                  observations: observations))
    }
}

extension StoreReader {
    /// Open SDG's own verdict on an indicator imported from an Open SDG repository, as Open SDG's build computes it
    /// (one result per series and one for the indicator); nil when the indicator has no Open SDG settings.
    /// `progressIndicator` is the code under which the repository's `Progress` column was imported, if it was.
    public func assessOpenSDG(_ indicator: Indicator, progressIndicator: String?) async throws -> OpenSDGIndicatorResult? {
        guard let settings = indicator.openSDG else { return nil }
        var progress: [Observation]?
        if let progressIndicator { progress = try await observations(indicator: progressIndicator, regions: nil) }
        let table = OpenSDGTable(observations: try await observations(indicator: indicator.code, regions: nil), progress: progress)
        return OpenSDGMeasure.assessIndicator(indicator.code, table: table, options: settings.options,
                                              autoProgressCalculation: settings.automatic, manualStatus: settings.manualStatus)
    }
}
