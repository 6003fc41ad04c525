import ArgumentParser
import Foundation
import KoersCore
import KoersImport
import KoersLoading
import KoersStore

/// `koers import FILE...`: loads indicator data, all or nothing.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import indicator data (CSV, XLSX, SDMX-CSV, JSON-stat, Eurostat TSV, Open SDG).",
        discussion: """
            Every file is read and validated before anything is written; the files of one command are imported in one \
            transaction. Any problem: nothing is written, the problems are listed as file:line:column, and the exit \
            status is non-zero. Importing the same file again changes nothing; a changed value becomes a new revision \
            (see `koers history`). SIGINT (Ctrl-C) or SIGTERM while the files are read stops the import and writes \
            nothing.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The files (or Open SDG folders) to import.") var files: [String]
    @Option(help: "The format: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")).") var format: String = "auto"
    @Option(help: "A mapping file (YAML) saying which column is what.") var mapping: String?
    @Option(name: .customLong("decimal-separator"), help: "The files' decimal separator, ',' or '.', for numbers such as 14,304.")
    var decimalSeparator: String?
    @Option(help: "How dates that fit both orders are written: day-month (01/02/2020 is 1 February, as in Belgium) or month-day.")
    var dates: String?
    @Option(name: .customLong("year-pairs"), help: "What 2011-12 is: year-span (a school or fiscal year) or month (December 2011).")
    var yearPairs: String?
    @Flag(help: "Report what would change (new, changed, unchanged values) and write nothing.") var dryRun = false
    @Flag(name: .customLong("each-file"), help: """
        Import each file, and each data file of an Open SDG repository, on its own: the sound ones land, the others         are refused whole and listed with their problems. Without it, one problem anywhere refuses everything.
        """)
    var eachFile = false
    @Flag(help: """
        Stage the values as a draft for a data steward to approve (`koers batch`): validated as any import, shown to \
        signed-in readers as concept, published only once approved.
        """)
    var draft = false

    func run() async throws {
        guard let format = ImportFormat(rawValue: format) else {
            throw ValidationError("unknown format '\(format)'; use one of \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var decimal: DecimalSeparator?
        if let decimalSeparator {
            guard let d = DecimalSeparator(rawValue: decimalSeparator) else { throw ValidationError("--decimal-separator is ',' or '.'") }
            decimal = d
        }
        var map = try mapping.map { try ImportMapping.load(URL(fileURLWithPath: $0), name: $0) } ?? ImportMapping()
        // A flag decides over the mapping, as --decimal-separator does.
        if let dates {
            guard let d = DateOrder(rawValue: dates) else { throw ValidationError("--dates is day-month or month-day") }
            map.dates = d
        }
        if let yearPairs {
            guard let y = YearPairReading(rawValue: yearPairs) else { throw ValidationError("--year-pairs is year-span or month") }
            map.yearPairs = y
        }
        if draft && (eachFile || dryRun) { throw ValidationError("--draft stages one import whole; it goes with neither --each-file nor --dry-run") }
        for file in files where !FileManager.default.fileExists(atPath: file) {
            throw ValidationError("\(file): no such file or folder")
        }
        try await store.withStore { try await importFiles(format: format, decimal: decimal, mapping: map, into: $0) }
    }

    private func importFiles(format: ImportFormat, decimal: DecimalSeparator?, mapping map: ImportMapping, into opened: any Store) async throws {
        var geography = try await opened.geography()
        let imports = files.map { FileImport(url: URL(fileURLWithPath: $0), name: $0, format: format, mapping: map) }
        // Formats that define their own indicators (Open SDG) bring them along, in the import's transaction.
        var additions = CatalogueAdditions()
        if draft, let repository = imports.first(where: { $0.format == .openSDG }) {
            throw ValidationError("\(repository.name): an Open SDG repository defines its own indicators; import it directly, not as a draft")
        }
        for file in imports where file.format == .openSDG {
            let repository = OpenSDGRepository(directory: file.url, region: map.constants["region"])
            additions.indicators += try repository.indicators()
            for skipped in repository.skipped() { print("\(file.name)/\(skipped)") }
            if geography[repository.region] == nil && map.constants["region"] == nil {
                additions.regions.append(repository.regionDefinition)
                geography = Geography(regions: Array(geography.regions.values) + [repository.regionDefinition],
                                      compositions: geography.compositions, successions: geography.successions)
                print("\(file.name): values stored under the region \(repository.region) (\(repository.regionDefinition.name.nl)), "
                    + "added for this repository; name another with a mapping's constants: {region: …}")
            }
        }
        let added = Set(additions.indicators.map(\.code))
        let indicators = try await opened.indicators().filter { !added.contains($0.code) } + additions.indicators
        let writer = ImportWriter(store: opened, geography: geography, indicators: indicators, source: map.source,
                                  decimal: decimal, dryRun: dryRun || draft)
        // From here an interruption is checked at every row: throwing from the producer rolls the store's transaction
        // back, so an interrupted import leaves the store as it was and can say so.
        let interruption = Interruption.watch()
        defer { interruption.stop() }
        let units = eachFile ? try imports.flatMap { try $0.eachFile() } : imports
        print("importing \(units.count) file\(units.count == 1 ? "" : "s") into \(store.displayName)"
            + (eachFile ? ", each on its own; Ctrl-C stops it with the current file not written" : "; Ctrl-C stops it with nothing written"))
        fflush(nil)
        // One import's transaction, reported file by file; whether it wrote anything.
        func write(_ units: [FileImport], adding additions: CatalogueAdditions) async throws -> Bool {
            let results = try await writer.write(units, adding: additions, check: { try interruption.check() })
            if let signal = interruption.receivedSignal {
                // Too late to undo: the import was written. Its derived values follow, as after any import.
                var errors = FileHandle.standardError
                print("\(Interrupted(signal: signal).name) came after the import was written; finishing it", to: &errors)
            }
            for r in results { report(r.file, r.summary, r.outcome) }
            return results.contains { $0.outcome.batchID != nil }
        }
        do {
            if draft {
                let preview = try await ImportPreview.make(units, writer: writer)
                for r in preview.files { report(r.file, r.summary, r.outcome) }
                guard let drafts = opened as? any DraftStore else { throw ValidationError("this store keeps no drafts") }
                let id = try await preview.stage(in: drafts, context: AuditContext(actor: .commandLine(osUser: ProcessInfo.processInfo.userName)))
                print("staged as draft \(id): \(preview.values.count) values, waiting for a steward (koers batch show \(id); koers batch approve \(id))")
                return
            }
            guard eachFile else {
                let wrote = try await write(units, adding: additions)
                try await recomputeDerivations(opened, if: wrote)
                return
            }
            // The repository's indicators and region first, so that each file's values have them.
            if !additions.indicators.isEmpty || !additions.regions.isEmpty {
                _ = try await write([], adding: additions)
            }
            var refused: [(name: String, problems: [Diagnostic], total: Int)] = []
            var wrote = false
            for unit in units {
                do {
                    wrote = try await write([unit], adding: CatalogueAdditions()) || wrote
                } catch {
                    guard let refusal = ImportRefusal(error) else { throw error }
                    refused.append((unit.name, refusal.diagnostics, refusal.total))
                }
            }
            try await recomputeDerivations(opened, if: wrote)
            let verb = dryRun ? "would land" : "imported"
            print("\(units.count - refused.count) of \(units.count) files \(verb)" + (refused.isEmpty ? "" : "; \(refused.count) refused, nothing of them written:"))
            guard !refused.isEmpty else { return }
            var errors = FileHandle.standardError
            for r in refused {
                print("\(r.name): refused (\(r.total) problem\(r.total == 1 ? "" : "s"))", to: &errors)
                for d in r.problems.prefix(5) { print("  \(d.descriptionWithColumn)", to: &errors) }
                if r.total > min(5, r.problems.count) { print("  … and \(r.total - min(5, r.problems.count)) more", to: &errors) }
            }
            throw ExitCode(1)
        } catch let interrupted as Interrupted {
            var errors = FileHandle.standardError
            print("import interrupted by \(interrupted.name): \(eachFile ? "the files listed above as read are in; the current one was not written" : "nothing was written")",
                  to: &errors)
            throw ExitCode(interrupted.exitCode)
        } catch {
            guard let refusal = ImportRefusal(error) else { throw error }
            try refuse(refusal)
        }
    }

    private func recomputeDerivations(_ opened: any Store, if wrote: Bool) async throws {
        guard !dryRun, wrote else { return }
        let derived = try await opened.recomputeDerivations()
        if derived.count > 0 { print("\(derived.count) derived values recomputed (remapped, aggregated, by formula)") }
        derived.printRefusals()
    }

    private func report(_ file: FileImport, _ summary: ReadSummary, _ outcome: ImportOutcome) {
        print("\(file.name) (\(file.format.rawValue)): \(summary.records) values read; \(outcome.new) new, "
            + "\(outcome.changed) changed, \(outcome.unchanged) unchanged \(draft ? "(as a draft: nothing published)" : dryRun ? "(dry run: nothing written)" : "")"
                .trimmingCharacters(in: .whitespaces))
        if summary.empty > 0 { print("  \(summary.empty) empty values (gaps) not stored") }
        if summary.skippedCount > 0 {
            print("  \(summary.skippedCount) rows skipped as the mapping says:")
            for d in summary.skipped { print("  \(d.descriptionWithColumn)") }
            if summary.skippedCount > summary.skipped.count { print("  … and \(summary.skippedCount - summary.skipped.count) more") }
        }
        if outcome.duplicateCount > 0 {
            print("  \(outcome.duplicateCount) exact duplicate rows counted once:")
            for d in outcome.duplicates { print("  \(d)") }
            if outcome.duplicateCount > outcome.duplicates.count { print("  … and \(outcome.duplicateCount - outcome.duplicates.count) more") }
        }
        if let id = outcome.batchID { print("  recorded as import batch \(id)") }
    }

    /// Lists the problems and ends the command with status 1 (by throwing, so that the store is closed first).
    private func refuse(_ refusal: ImportRefusal) throws -> Never {
        var errors = FileHandle.standardError
        for line in refusal.lines { print(line, to: &errors) }
        print("import refused: \(refusal.total) problem\(refusal.total == 1 ? "" : "s"); nothing was written", to: &errors)
        throw ExitCode(1)
    }
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) { write(Data(string.utf8)) }
}
