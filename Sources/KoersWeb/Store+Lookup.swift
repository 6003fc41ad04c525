import KoersCore
import KoersProgress
import KoersStore
import KoersViews

extension StoreReader {
    /// The names pages and API answers turn codes into, read fresh for each answer computed.
    func lookup() async throws -> Lookup {
        Lookup(geography: try await geography(), organisations: try await organisations(),
               funding: try await fundingProgrammes(), indicators: try await indicators())
    }

    /// One method's verdict on every target of `plan`, from the stored values of the targets' indicators.
    func progress(of plan: Plan, indicators: [String: Indicator], method: ProgressMethod) async throws -> PlanProgress {
        var stored: [String: [Observation]] = [:]
        for code in Set(plan.allTargets.map(\.target.indicator)) where indicators[code] != nil {
            stored[code] = try await observations(indicator: code, regions: nil)
        }
        return PlanProgress(plan: plan, indicators: indicators, method: method) { stored[$0] ?? [] }
    }

    /// The indicator's newest import in words, for "last updated".
    func lastUpdate(indicator: String, _ language: Language) async throws -> String {
        let batch = try await latestBatch(indicator: indicator)
        return LastUpdate.text(importedAt: batch?.importedAt, fileName: batch?.fileName, language: language)
    }
}
