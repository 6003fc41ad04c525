import KoersCore
import KoersStore

/// The store the web routes use, timing each call (`koers_store_call_duration_seconds`), counting the failed ones and
/// those running now. It changes no answer: every call goes to `base` as it is.
///
/// PostgreSQL's pool (PostgresNIO's `PostgresClient`) reports its connections only to an internal delegate, so its
/// occupancy cannot be read here; calls in flight are the nearest measure (they hold or wait for a connection).
struct MeasuredStore: Store {
    let base: any Store
    let metrics: KoersMetrics

    private func measure<T>(_ operation: String, _ call: () async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        metrics.storeCallsInFlight.increment()
        defer {
            metrics.storeCallsInFlight.decrement()
            metrics.storeCall(operation, took: ContinuousClock.now - start)
        }
        do {
            return try await call()
        } catch {
            metrics.storeCallFailed(operation)
            throw error
        }
    }

    func isEmpty() async throws -> Bool { try await measure("isEmpty") { try await base.isEmpty() } }
    func replaceCatalogue(_ catalogue: Catalogue) async throws { try await measure("replaceCatalogue") { try await base.replaceCatalogue(catalogue) } }
    func geography() async throws -> Geography { try await measure("geography") { try await base.geography() } }
    func organisations() async throws -> [Organisation] { try await measure("organisations") { try await base.organisations() } }
    func fundingProgrammes() async throws -> [FundingProgramme] { try await measure("fundingProgrammes") { try await base.fundingProgrammes() } }
    func indicators() async throws -> [Indicator] { try await measure("indicators") { try await base.indicators() } }
    func indicator(code: String) async throws -> Indicator? { try await measure("indicator") { try await base.indicator(code: code) } }
    func plans() async throws -> [Plan] { try await measure("plans") { try await base.plans() } }
    func plan(id: String) async throws -> Plan? { try await measure("plan") { try await base.plan(id: id) } }
    func allObservations() async throws -> [Observation] { try await measure("allObservations") { try await base.allObservations() } }
    func saveIndicators(_ indicators: [Indicator]) async throws { try await measure("saveIndicators") { try await base.saveIndicators(indicators) } }
    func saveRegions(_ regions: [Region]) async throws { try await measure("saveRegions") { try await base.saveRegions(regions) } }
    func saveBoundaries(_ boundaries: [Boundary]) async throws { try await measure("saveBoundaries") { try await base.saveBoundaries(boundaries) } }
    func batches() async throws -> [ImportBatch] { try await measure("batches") { try await base.batches() } }
    func dataVersion() async throws -> Int64 { try await measure("dataVersion") { try await base.dataVersion() } }
    func export(to dump: DumpWriter) async throws { try await measure("export") { try await base.export(to: dump) } }
    func load(_ dump: DumpReader) async throws { try await measure("load") { try await base.load(dump) } }

    func observations(indicator: String, regions: [String]?) async throws -> [Observation] {
        try await measure("observations") { try await base.observations(indicator: indicator, regions: regions) }
    }

    func boundaries(regions: [String]?) async throws -> [Boundary] {
        try await measure("boundaries") { try await base.boundaries(regions: regions) }
    }

    func latestBatch(indicator: String) async throws -> ImportBatch? {
        try await measure("latestBatch") { try await base.latestBatch(indicator: indicator) }
    }

    func replaceDerived(indicator: String, with observations: [Observation]) async throws {
        try await measure("replaceDerived") { try await base.replaceDerived(indicator: indicator, with: observations) }
    }

    func history(indicator: String, region: String, period: Period, breakdown: Breakdown) async throws -> [ObservationVersion] {
        try await measure("history") { try await base.history(indicator: indicator, region: region, period: period, breakdown: breakdown) }
    }

    func importObservations(_ batches: [ImportBatch], adding additions: CatalogueAdditions, dryRun: Bool,
                            produce: @escaping @Sendable (_ index: Int, _ sink: ObservationSink) throws -> Void) async throws -> [ImportOutcome] {
        try await measure("importObservations") {
            try await base.importObservations(batches, adding: additions, dryRun: dryRun, produce: produce)
        }
    }
}
