import Foundation
import KoersCore
import KoersImport
import KoersStore

/// One transaction of `koers import`: the values of some files, and the catalogue additions they bring, written
/// together or not at all. The command runs one for all its files, or one per file with `--each-file`.
struct ImportWriter {
    let store: any Store
    let geography: Geography
    let indicators: [Indicator]
    /// The mapping's `source`, else each file's name.
    let source: String?
    let decimal: DecimalSeparator?
    let dryRun: Bool

    /// Reads, validates and writes; returns whether anything was written (an import batch recorded). Throws
    /// `ImportProblems`, `ImportConflicts`, `DataFileError` or `Interrupted`, with the store untouched.
    func write(_ imports: [FileImport], adding additions: CatalogueAdditions, interruption: Interruption,
               report: (FileImport, ReadSummary, ImportOutcome) -> Void) async throws -> Bool {
        let now = ISO8601DateFormatter().string(from: Date())
        let batches = try imports.map {
            ImportBatch(fileName: $0.name, sha256: try FileDigest.hex(of: $0.contentURL), format: $0.format.rawValue, importedAt: now)
        }
        let summaries = SummaryBox(count: imports.count)
        let (geography, indicators, source, decimal) = (self.geography, self.indicators, self.source, self.decimal)
        let outcomes = try await store.importObservations(batches, adding: additions, dryRun: dryRun) { index, sink in
            try interruption.check()
            let file = imports[index]
            let validator = Validator(geography: geography, indicators: indicators, mapping: file.mapping,
                                      source: source ?? (file.url.lastPathComponent + " (import)"), decimal: decimal)
            summaries.set(index, try file.observations(validator: validator) { observation, location in
                try interruption.check()
                try sink(observation, location)
            })
        }
        if let signal = interruption.receivedSignal {
            // Too late to undo: the import was written. Its derived values follow, as after any import.
            var errors = FileHandle.standardError
            print("\(Interrupted(signal: signal).name) came after the import was written; finishing it", to: &errors)
        }
        for (index, outcome) in outcomes.enumerated() { report(imports[index], summaries.get(index), outcome) }
        return outcomes.contains { $0.batchID != nil }
    }
}
