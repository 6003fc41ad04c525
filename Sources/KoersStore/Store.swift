import KoersCore

/// What the pages, the API and assessment read: the catalogue, the values, their history and the data version.
/// The web module depends on this side only, so a test can serve pages from any store, or from one that fails.
public protocol StoreReader: Sendable {
    func geography() async throws -> Geography
    func organisations() async throws -> [Organisation]
    func fundingProgrammes() async throws -> [FundingProgramme]
    func indicators() async throws -> [Indicator]
    func indicator(code: String) async throws -> Indicator?
    /// Every plan with its whole tree, targets and actions, in load order.
    func plans() async throws -> [Plan]
    func plan(id: String) async throws -> Plan?
    /// Observations of one indicator, for the given regions (all when nil), ordered by region, breakdown and period.
    func observations(indicator: String, regions: [String]?) async throws -> [Observation]

    /// The outlines of these regions (all when nil), by region code.
    func boundaries(regions: [String]?) async throws -> [Boundary]

    /// The recorded import batches, newest first.
    func batches() async throws -> [ImportBatch]

    /// The newest import that brought a current value of this indicator; nil when every value came with Koers (from a
    /// seed document) or was derived. Pages show it as the indicator's last update.
    func latestBatch(indicator: String) async throws -> ImportBatch?

    /// Every version of one value, oldest first, the current one last.
    func history(indicator: String, region: String, period: Period, breakdown: Breakdown) async throws -> [ObservationVersion]

    /// A number that every committed write increases. Whatever was computed from the store under one number stays
    /// true while the store answers the same number, so caches (in any number of app instances) check it rather than
    /// guess.
    func dataVersion() async throws -> Int64
}

/// Writing the catalogue: geography, organisations, funding programmes, indicators, plans and outlines.
public protocol CatalogueWriter: Sendable {
    /// True until data has been loaded: a new store gets the bundled geography and plans first.
    func isEmpty() async throws -> Bool

    /// Replaces geography, organisations, funding programmes, indicators, plans and document observations with the
    /// catalogue's, in one transaction: on any error the store is unchanged.
    func replaceCatalogue(_ catalogue: Catalogue) async throws

    /// Adds indicators, or replaces those with the same code.
    func saveIndicators(_ indicators: [Indicator]) async throws

    /// Adds regions, or renames those with the same code (a region outside the bundled geography, such as the
    /// country of an Open SDG repository).
    func saveRegions(_ regions: [Region]) async throws

    /// Adds region outlines, or replaces those of the same regions, in one transaction.
    func saveBoundaries(_ boundaries: [Boundary]) async throws
}

/// Writing values: imports of files, and the values Koers derives from them.
public protocol ObservationWriter: Sendable {
    /// Imports files in one transaction. For each batch in turn, `produce(index, sink)` runs inside it (on a thread of
    /// its own, in parallel with the writing; called again when the file repeats keys, to report their lines) and sends each
    /// validated observation to the sink; if it throws, or two rows give one value different numbers, nothing of any
    /// batch is written. A value that differs from the stored one becomes a new revision and the old one is kept.
    /// With `dryRun`, the outcomes are computed and everything rolled back.
    /// `additions` (indicators and regions a file format defines itself, such as an Open SDG repository's) are
    /// written in the same transaction, first; `finishing` (a draft's decision) last, unless it is a dry run.
    func importObservations(_ batches: [ImportBatch], adding additions: CatalogueAdditions, dryRun: Bool, finishing: [SQLStatement],
                            produce: @escaping @Sendable (_ index: Int, _ sink: ObservationSink) throws -> Void) async throws -> [ImportOutcome]

    /// Replaces the derived values of an indicator (remapped, aggregated, computed by formula) with these.
    func replaceDerived(indicator: String, with observations: [Observation]) async throws
}

/// Moving whole stores: every value at once, and the portable dump (`koers export-db` / `import-db`).
public protocol StoreDump: Sendable {
    /// Every observation, for moving or comparing whole stores.
    func allObservations() async throws -> [Observation]

    /// Writes every table into a dump (`koers export-db`), from one consistent state of the store.
    func export(to dump: DumpWriter) async throws

    /// Loads a dump (`koers import-db`) into this store, which must hold nothing yet, in one transaction.
    func load(_ dump: DumpReader) async throws
}

/// Where Koers keeps its data: every side at once, as the commands use it. SQLite is the embedded default; PostgreSQL
/// and memory fill the same interface, so that commands and pages never know which one they talk to. A new kind of
/// write adds a focused protocol of its own rather than growing one of these.
public protocol Store: StoreReader, CatalogueWriter, ObservationWriter, StoreDump {}

extension ObservationWriter {
    public func importObservations(_ batches: [ImportBatch], adding additions: CatalogueAdditions, dryRun: Bool,
                                   produce: @escaping @Sendable (_ index: Int, _ sink: ObservationSink) throws -> Void) async throws -> [ImportOutcome] {
        try await importObservations(batches, adding: additions, dryRun: dryRun, finishing: [], produce: produce)
    }

    public func importObservations(_ batches: [ImportBatch], dryRun: Bool,
                                   produce: @escaping @Sendable (_ index: Int, _ sink: ObservationSink) throws -> Void) async throws -> [ImportOutcome] {
        try await importObservations(batches, adding: CatalogueAdditions(), dryRun: dryRun, finishing: [], produce: produce)
    }
}

extension Store {
    /// Everything the store holds, as one catalogue.
    public func catalogue() async throws -> Catalogue {
        Catalogue(geography: try await geography(), organisations: try await organisations(),
                  fundingProgrammes: try await fundingProgrammes(), indicators: try await indicators(),
                  plans: try await plans(), observations: try await allObservations())
    }
}
