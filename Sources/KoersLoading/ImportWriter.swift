import Foundation
import KoersCore
import KoersImport
import KoersStore

/// One file's result: what was read, and what the store did (or would do) with it.
public struct FileResult: Sendable {
    public var file: FileImport
    public var sha256: String
    public var summary: ReadSummary
    public var outcome: ImportOutcome
}

/// One transaction of an import: the values of some files, and the catalogue additions they bring, written together
/// or not at all. `koers import` runs one for all its files, or one per file with `--each-file`; the upload page and
/// `koers import --draft` run one as a dry run to preview and stage a draft.
public struct ImportWriter: Sendable {
    public let store: any Store
    public let geography: Geography
    public let indicators: [Indicator]
    /// The mapping's `source`, else each file's name.
    public let source: String?
    public let decimal: DecimalSeparator?
    public let dryRun: Bool
    /// Who imports, for the import batches' audit rows.
    public let actor: AuditActor

    public init(store: any Store, geography: Geography, indicators: [Indicator], source: String?, decimal: DecimalSeparator?,
                dryRun: Bool, actor: AuditActor = .commandLine(osUser: ProcessInfo.processInfo.userName)) {
        self.store = store
        self.geography = geography
        self.indicators = indicators
        self.source = source
        self.decimal = decimal
        self.dryRun = dryRun
        self.actor = actor
    }

    /// Reads, validates and writes; returns each file's result (an outcome with a batch id: something was written).
    /// Throws `ImportProblems`, `ImportConflicts`, `DataFileError` or whatever `check` throws (run at every row: an
    /// interruption), with the store untouched. `collect` gets every value that passed validation, with its file's
    /// index and place, as it goes to the store.
    public func write(_ imports: [FileImport], adding additions: CatalogueAdditions,
                      check: @escaping @Sendable () throws -> Void = {},
                      collect: (@Sendable (Int, Observation, Location) -> Void)? = nil) async throws -> [FileResult] {
        let now = ISO8601DateFormatter().string(from: Date())
        let batches = try imports.map {
            ImportBatch(fileName: $0.name, sha256: try FileDigest.hex(of: $0.contentURL), format: $0.format.rawValue, importedAt: now, actor: actor)
        }
        let summaries = SummaryBox(count: imports.count)
        let (geography, indicators, source, decimal) = (self.geography, self.indicators, self.source, self.decimal)
        let outcomes = try await store.importObservations(batches, adding: additions, dryRun: dryRun) { index, sink in
            try check()
            let file = imports[index]
            let validator = Validator(geography: geography, indicators: indicators, mapping: file.mapping,
                                      source: source ?? (file.url.lastPathComponent + " (import)"), decimal: decimal)
            // The store reads a file twice when it repeats keys (to report their lines); values are collected once.
            let first = summaries.markRead(index)
            summaries.set(index, try file.observations(validator: validator) { observation, location in
                try check()
                if first { collect?(index, observation, location) }
                try sink(observation, location)
            })
        }
        return outcomes.enumerated().map { FileResult(file: imports[$0.offset], sha256: batches[$0.offset].sha256, summary: summaries.get($0.offset), outcome: $0.element) }
    }
}

/// Read summaries filled in inside the store's transaction, read after it.
final class SummaryBox: @unchecked Sendable {
    private var values: [ReadSummary]
    private var read: Set<Int> = []
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: ReadSummary(), count: count) }

    func set(_ index: Int, _ value: ReadSummary) { lock.withLock { values[index] = value } }
    func get(_ index: Int) -> ReadSummary { lock.withLock { values[index] } }
    /// True the first time a file is read.
    func markRead(_ index: Int) -> Bool { lock.withLock { read.insert(index).inserted } }
}
