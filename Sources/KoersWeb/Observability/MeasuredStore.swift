import KoersCore
import KoersStore

/// The reading side of the store the web routes use, timing each call (`koers_store_call_duration_seconds`), counting the failed ones and
/// those running now. It changes no answer: every call goes to `base` as it is; a call that fails throws
/// `StoreUnavailable`, which `StoreFailureMiddleware` answers with 503.
///
/// PostgreSQL's pool (PostgresNIO's `PostgresClient`) reports its connections only to an internal delegate, so its
/// occupancy cannot be read here; calls in flight are the nearest measure (they hold or wait for a connection).
struct MeasuredStore: StoreReader {
    let base: any StoreReader
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
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            metrics.storeCallFailed(operation)
            throw StoreUnavailable(operation: operation, underlying: error)
        }
    }

    func geography() async throws -> Geography { try await measure("geography") { try await base.geography() } }
    func organisations() async throws -> [Organisation] { try await measure("organisations") { try await base.organisations() } }
    func fundingProgrammes() async throws -> [FundingProgramme] { try await measure("fundingProgrammes") { try await base.fundingProgrammes() } }
    func indicators() async throws -> [Indicator] { try await measure("indicators") { try await base.indicators() } }
    func indicator(code: String) async throws -> Indicator? { try await measure("indicator") { try await base.indicator(code: code) } }
    func plans() async throws -> [Plan] { try await measure("plans") { try await base.plans() } }
    func plan(id: String) async throws -> Plan? { try await measure("plan") { try await base.plan(id: id) } }
    func batches() async throws -> [ImportBatch] { try await measure("batches") { try await base.batches() } }
    func dataVersion() async throws -> Int64 { try await measure("dataVersion") { try await base.dataVersion() } }

    func observations(indicator: String, regions: [String]?) async throws -> [Observation] {
        try await measure("observations") { try await base.observations(indicator: indicator, regions: regions) }
    }

    func boundaries(regions: [String]?) async throws -> [Boundary] {
        try await measure("boundaries") { try await base.boundaries(regions: regions) }
    }

    func latestBatch(indicator: String) async throws -> ImportBatch? {
        try await measure("latestBatch") { try await base.latestBatch(indicator: indicator) }
    }

    func history(indicator: String, region: String, period: Period, breakdown: Breakdown) async throws -> [ObservationVersion] {
        try await measure("history") { try await base.history(indicator: indicator, region: region, period: period, breakdown: breakdown) }
    }
}
