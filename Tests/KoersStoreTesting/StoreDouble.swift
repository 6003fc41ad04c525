import KoersCore
import KoersStore
import Testing

/// A reading store for tests of everything above the store: it answers only the calls a test set up, and any other
/// call fails the test with the call's name (and throws, so the code under test takes its error path). A test sets
/// a call to throw (`StoreDouble.Failure`) to see what a page, the API or `/healthz` do when the database is down or a
/// read fails half-way.
///
///     var store = StoreDouble(answeringFrom: memory)      // every read as `memory` answers it…
///     store.answers.plans = { throw StoreDouble.Failure() }  // …but plans() fails
///     let down = StoreDouble.down()                          // every read fails
public struct StoreDouble: StoreReader {
    /// What each call answers: a closure per requirement of `StoreReader`, failing the test until set.
    public struct Answers: Sendable {
        public var geography: @Sendable () async throws -> Geography = { try notSetUp("geography()") }
        public var organisations: @Sendable () async throws -> [Organisation] = { try notSetUp("organisations()") }
        public var fundingProgrammes: @Sendable () async throws -> [FundingProgramme] = { try notSetUp("fundingProgrammes()") }
        public var indicators: @Sendable () async throws -> [Indicator] = { try notSetUp("indicators()") }
        public var indicator: @Sendable (_ code: String) async throws -> Indicator? = { _ in try notSetUp("indicator(code:)") }
        public var plans: @Sendable () async throws -> [Plan] = { try notSetUp("plans()") }
        public var plan: @Sendable (_ id: String) async throws -> Plan? = { _ in try notSetUp("plan(id:)") }
        public var observations: @Sendable (_ indicator: String, _ regions: [String]?) async throws -> [Observation] = { _, _ in
            try notSetUp("observations(indicator:regions:)")
        }
        public var boundaries: @Sendable (_ regions: [String]?) async throws -> [Boundary] = { _ in try notSetUp("boundaries(regions:)") }
        public var batches: @Sendable () async throws -> [ImportBatch] = { try notSetUp("batches()") }
        public var latestBatch: @Sendable (_ indicator: String) async throws -> ImportBatch? = { _ in try notSetUp("latestBatch(indicator:)") }
        public var history: @Sendable (_ indicator: String, _ region: String, _ period: Period, _ breakdown: Breakdown) async throws
            -> [ObservationVersion] = { _, _, _, _ in try notSetUp("history(indicator:region:period:breakdown:)") }
        public var dataVersion: @Sendable () async throws -> Int64 = { try notSetUp("dataVersion()") }

        public init() {}
    }

    public var answers: Answers

    /// A double that answers nothing yet: set the calls the test expects in `answers`.
    public init(_ answers: Answers = Answers()) {
        self.answers = answers
    }

    /// A double that answers every call as `base` does, until a test sets a call otherwise.
    public init(answeringFrom base: any StoreReader) {
        var answers = Answers()
        answers.geography = { try await base.geography() }
        answers.organisations = { try await base.organisations() }
        answers.fundingProgrammes = { try await base.fundingProgrammes() }
        answers.indicators = { try await base.indicators() }
        answers.indicator = { try await base.indicator(code: $0) }
        answers.plans = { try await base.plans() }
        answers.plan = { try await base.plan(id: $0) }
        answers.observations = { try await base.observations(indicator: $0, regions: $1) }
        answers.boundaries = { try await base.boundaries(regions: $0) }
        answers.batches = { try await base.batches() }
        answers.latestBatch = { try await base.latestBatch(indicator: $0) }
        answers.history = { try await base.history(indicator: $0, region: $1, period: $2, breakdown: $3) }
        answers.dataVersion = { try await base.dataVersion() }
        self.answers = answers
    }

    /// A store whose database is down: every call throws `failure`.
    public static func down(_ failure: Failure = Failure()) -> StoreDouble {
        var answers = Answers()
        answers.geography = { throw failure }
        answers.organisations = { throw failure }
        answers.fundingProgrammes = { throw failure }
        answers.indicators = { throw failure }
        answers.indicator = { _ in throw failure }
        answers.plans = { throw failure }
        answers.plan = { _ in throw failure }
        answers.observations = { _, _ in throw failure }
        answers.boundaries = { _ in throw failure }
        answers.batches = { throw failure }
        answers.latestBatch = { _ in throw failure }
        answers.history = { _, _, _, _ in throw failure }
        answers.dataVersion = { throw failure }
        return StoreDouble(answers)
    }

    /// The error a test makes a call throw.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ description: String = "the database is down (a test's StoreDouble)") { self.description = description }
    }

    /// Thrown (after the test is failed) by a call the test did not set up.
    public struct NotSetUp: Error, CustomStringConvertible {
        public var call: String
        public var description: String { "StoreDouble: \(call) was called, but the test did not set it up" }
    }

    private static func notSetUp<T>(_ call: String) throws -> T {
        let error = NotSetUp(call: call)
        Issue.record(Comment(rawValue: error.description))
        throw error
    }

    public func geography() async throws -> Geography { try await answers.geography() }
    public func organisations() async throws -> [Organisation] { try await answers.organisations() }
    public func fundingProgrammes() async throws -> [FundingProgramme] { try await answers.fundingProgrammes() }
    public func indicators() async throws -> [Indicator] { try await answers.indicators() }
    public func indicator(code: String) async throws -> Indicator? { try await answers.indicator(code) }
    public func plans() async throws -> [Plan] { try await answers.plans() }
    public func plan(id: String) async throws -> Plan? { try await answers.plan(id) }
    public func observations(indicator: String, regions: [String]?) async throws -> [Observation] {
        try await answers.observations(indicator, regions)
    }
    public func boundaries(regions: [String]?) async throws -> [Boundary] { try await answers.boundaries(regions) }
    public func batches() async throws -> [ImportBatch] { try await answers.batches() }
    public func latestBatch(indicator: String) async throws -> ImportBatch? { try await answers.latestBatch(indicator) }
    public func history(indicator: String, region: String, period: Period, breakdown: Breakdown) async throws -> [ObservationVersion] {
        try await answers.history(indicator, region, period, breakdown)
    }
    public func dataVersion() async throws -> Int64 { try await answers.dataVersion() }
}
