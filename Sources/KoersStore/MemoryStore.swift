import Foundation
import KoersCore

/// A store held in memory, for fast tests of everything above the store. It holds the tables and rows the databases
/// hold (the dump's tables, written by `StoreStatements`' rows, read by `StoredRows`), checks their primary and
/// foreign keys, and passes the same contract tests as SQLite and PostgreSQL: every write is all or nothing (made on
/// a copy that replaces the tables only when whole), a changed value keeps its revision, a dry run keeps nothing,
/// and every committed write increases the data version. Nothing outlives the process.
public actor MemoryStore: Store {
    private var tables = MemoryTables()

    public init() {}

    // MARK: Reading

    public func geography() -> Geography {
        StoredRows.geography(regions: tables["region"].inInsertOrder,
                             members: tables["region_member"].sorted(by: "region_code", "position"),
                             successions: tables["region_succession"].sorted(by: "date", "to_code", "from_code"))
    }

    public func organisations() -> [Organisation] { tables["organisation"].sorted(by: "id").map(StoredRows.organisation) }
    public func fundingProgrammes() -> [FundingProgramme] { tables["funding_programme"].sorted(by: "id").map(StoredRows.fundingProgramme) }
    public func indicators() -> [Indicator] { tables["indicator"].sorted(by: "code").map(StoredRows.indicator) }
    public func indicator(code: String) -> Indicator? { tables["indicator"].row([.text(code)]).map(StoredRows.indicator) }

    public func plans() -> [Plan] {
        tables["plan"].sorted(by: "position").compactMap { plan(id: $0.text("id")!) }
    }

    public func plan(id: String) -> Plan? {
        guard let row = tables["plan"].row([.text(id)]) else { return nil }
        let ofPlan = { (table: String) in self.tables[table].sorted(by: "position").filter { $0.text("plan_id") == id } }
        let actions = ofPlan("action")
        let actionIDs = Set(actions.compactMap { $0.text("id") })
        let ofActions = { (table: String) in self.tables[table].sorted(by: "position").filter { actionIDs.contains($0.text("action_id")!) } }
        return StoredRows.plan(row, nodes: ofPlan("plan_node"), targets: ofPlan("target"), actions: actions,
                               partners: ofActions("action_partner"), budgets: ofActions("budget_line"),
                               targetLinks: ofActions("action_target"))
    }

    public func observations(indicator: String, regions: [String]?) -> [Observation] {
        let wanted = regions.map(Set.init)
        return tables["observation"].sorted(by: "region_code", "breakdown", "period_start", "period", where: {
            $0.text("indicator_code") == indicator && (wanted?.contains($0.text("region_code")!) ?? true)
        }).map(StoredRows.observation)
    }

    public func allObservations() -> [Observation] {
        tables["observation"].sorted(by: "indicator_code", "region_code", "breakdown", "period_start", "period").map(StoredRows.observation)
    }

    public func boundaries(regions: [String]?) -> [Boundary] {
        let wanted = regions.map(Set.init)
        return tables["boundary"].sorted(by: "region_code", where: { wanted?.contains($0.text("region_code")!) ?? true })
            .map(StoredRows.boundary)
    }

    public func batches() -> [ImportBatch] { tables["import_batch"].sorted(by: "id").reversed().map(StoredRows.batch) }

    public func latestBatch(indicator: String) -> ImportBatch? {
        let newest = tables["observation"].rows.values.lazy.filter { $0.row.text("indicator_code") == indicator }
            .compactMap { $0.row.integer("batch_id") }.max()
        return newest.flatMap { tables["import_batch"].row([.integer($0)]) }.map(StoredRows.batch)
    }

    public func history(indicator: String, region: String, period: Period, breakdown: Breakdown) -> [ObservationVersion] {
        let key: [SQLValue] = [.text(indicator), .text(region), .text(period.description), .text(breakdown.key)]
        let batches = Dictionary(uniqueKeysWithValues: tables["import_batch"].inInsertOrder.map { ($0.integer("id")!, StoredRows.batch($0)) })
        let revisions = tables["observation_revision"].inInsertOrder.filter { row in
            zip(["indicator_code", "region_code", "period", "breakdown"], key).allSatisfy { row.values[$0] == $1 }
        }
        return (revisions + [tables["observation"].row(key)].compactMap { $0 }).map { StoredRows.version($0, batches: batches) }
    }

    public func dataVersion() -> Int64 { tables.dataVersion }

    // MARK: Writing

    /// Runs `change` on a copy of the tables, checks the foreign keys and keeps the copy with a new data version; on
    /// any error the tables stay as they were. Nothing suspends in between, so writes follow one another.
    private func write<T>(_ change: (inout MemoryTables) throws -> T) throws -> T {
        var next = tables
        let result = try change(&next)
        try next.checkForeignKeys()
        next.dataVersion += 1
        tables = next
        return result
    }

    public func isEmpty() -> Bool { tables["region"].rows.isEmpty }

    public func replaceCatalogue(_ catalogue: Catalogue) throws {
        try write { t in
            for table in StoreStatements.catalogueTables { t[table].removeAll() }
            for row in StoreStatements.rows(catalogue) + catalogue.observations.map(StoreStatements.row) { try t.insert(row) }
            t.upsert(StoreStatements.catalogueLoaded(at: Date()), updating: ["value"])
        }
    }

    public func saveIndicators(_ indicators: [Indicator]) throws {
        try write { t in
            for i in indicators { let row = StoreStatements.row(i); t.upsert(row, updating: Array(row.columns.dropFirst())) }
        }
    }

    public func saveRegions(_ regions: [Region]) throws {
        try write { t in for r in regions { t.upsert(StoreStatements.row(r), updating: StoreStatements.regionUpdates) } }
    }

    public func saveBoundaries(_ boundaries: [Boundary]) throws {
        try write { t in for b in boundaries { t.upsert(StoreStatements.row(b), updating: ["geometry", "source"]) } }
    }

    public func replaceDerived(indicator: String, with observations: [Observation]) throws {
        try write { t in
            t["observation"].removeAll { $0.text("indicator_code") == indicator && $0.text("derivation") != "" }
            for o in observations { try t.insert(StoreStatements.row(o)) }
        }
    }

    /// Reads each file on a thread of its own (`ObservationPipe`) and waits for it on this actor's thread: the
    /// import is one write, which nothing may interleave with.
    public func importObservations(_ batches: [ImportBatch], adding additions: CatalogueAdditions, dryRun: Bool, finishing: [SQLStatement],
                                   produce: @escaping @Sendable (_ index: Int, _ sink: ObservationSink) throws -> Void) throws -> [ImportOutcome] {
        // The memory store keeps no drafts, so nothing finishes an import here.
        precondition(finishing.isEmpty, "the memory store runs no SQL")
        var outcomes: [ImportOutcome] = []
        var next = tables
        for r in additions.regions { next.upsert(StoreStatements.row(r), updating: StoreStatements.regionUpdates) }
        for i in additions.indicators { let row = StoreStatements.row(i); next.upsert(row, updating: Array(row.columns.dropFirst())) }
        for (index, batch) in batches.enumerated() {
            var file = MemoryImport(batch: batch, into: next)
            try ObservationPipe.run(produce: { sink in try produce(index, sink) }, consume: { o, location in file.add(o, at: location) })
            try file.named.check(knownIndicators: Set(file.tables["indicator"].rows.keys.map { $0[0].textValue! }),
                                 knownRegions: Set(file.tables["region"].rows.keys.map { $0[0].textValue! }))
            var outcome = file.outcome
            if !file.repeats.isEmpty {
                var report = RepeatReport(keys: file.repeats.map(\.key))
                try produce(index) { o, location in report.add(o, at: location) }
                outcome.duplicates = try report.duplicatesOrConflicts(file.repeats, conflictCount: file.conflictCount)
            }
            next = file.tables
            if StoreStatements.keep(batch: file.batchID, outcome: &outcome, dryRun: dryRun) {
                next.update("import_batch", key: [.integer(file.batchID)], with: [
                    "rows_read": .int(file.rowsRead), "new_count": .int(outcome.new), "changed_count": .int(outcome.changed),
                    "unchanged_count": .int(outcome.unchanged)])
            } else {
                next["import_batch"].remove(key: [.integer(file.batchID)])
            }
            outcomes.append(outcome)
        }
        if !dryRun {
            try next.checkForeignKeys()
            next.dataVersion += 1
            tables = next
        }
        return outcomes
    }

    // MARK: Dumps

    public func export(to dump: DumpWriter) throws {
        for table in DumpFormat.tables {
            let rows = tables[table.name].sorted(by: table.keyColumns)
            try dump.begin(table, rows: rows.count)
            for row in rows { try dump.row(table.columns.map { row.values[$0.name] ?? $0.type.null }) }
        }
    }

    public func load(_ dump: DumpReader) throws {
        try write { t in
            for table in DumpFormat.tables where !t[table.name].rows.isEmpty { throw DumpError.notEmpty(table: table.name) }
            while let (table, _) = try dump.nextTable() {
                while let values = try dump.nextRow() {
                    var row = TableRow(table.name, [:])
                    row.columns = table.columnNames
                    row.values = values
                    do {
                        try t.insert(row)
                        try t.checkForeignKeys(of: t[table.name].newest!, in: table.name)
                    } catch let error as MemoryTables.ConstraintFailed {
                        throw DumpError.at(dump.path, line: dump.currentLine, column: 1, "table \(table.name): \(error.description)")
                    }
                }
            }
        }
    }
}

/// One file's rows going into the memory store, sorted as `BatchWriter` sorts them in SQLite: new, changed (the
/// old value kept as a revision), unchanged, duplicate or conflicting.
private struct MemoryImport {
    var tables: MemoryTables
    let batchID: Int64
    var outcome = ImportOutcome()
    var rowsRead = 0
    var repeats: [RepeatReport.Repeat] = []
    var conflictCount = 0
    var named = NamedCodes()
    /// The keys this file has given.
    private var seen = Set<[SQLValue]>()

    init(batch: ImportBatch, into tables: MemoryTables) {
        self.tables = tables
        // As SQLite's INTEGER PRIMARY KEY and PostgreSQL's `max(id) + 1`: a batch dropped again leaves no gap.
        batchID = (tables["import_batch"].rows.keys.compactMap { $0[0].integerValue }.max() ?? 0) + 1
        self.tables.insertUnchecked(TableRow("import_batch", [
            "id": .integer(batchID), "file_name": .text(batch.fileName), "sha256": .text(batch.sha256), "format": .text(batch.format),
            "imported_at": .text(batch.importedAt), "rows_read": .int(0), "new_count": .int(0), "changed_count": .int(0),
            "unchanged_count": .int(0)]))
    }

    mutating func add(_ o: Observation, at location: Location) {
        rowsRead += 1
        named.add(o)
        var row = StoreStatements.row(o)
        row.columns.append("batch_id")
        row.values.append(.integer(batchID))
        if let i = row.columns.firstIndex(of: "derivation") { row.values[i] = .text("") }
        let key = MemoryTables.key(of: row)
        let flags = StoreStatements.flags(o.flags)
        guard let stored = tables["observation"].row(key) else {
            seen.insert(key)
            tables.insertUnchecked(row)
            outcome.new += 1
            return
        }
        let same = stored.double("value") == o.value && stored.text("flags") == flags
        if !seen.insert(key).inserted {
            note(RepeatReport.Repeat(key: o.key, location: location, value: o.value, conflicting: !same))
        } else if stored.text("derivation") != "" {
            // An imported value replaces one Koers derived; derived values are recomputed, not revised.
            tables.insertUnchecked(row)
            outcome.new += 1
        } else if same {
            outcome.unchanged += 1
        } else {
            var revision = TableRow("observation_revision", [:])
            for column in ["indicator_code", "region_code", "period", "breakdown", "value", "flags", "source", "note", "batch_id"] {
                revision.columns.append(column)
                revision.values.append(stored.values[column] ?? .text(nil))
            }
            revision.columns.append("superseded_by")
            revision.values.append(.integer(batchID))
            tables.insertUnchecked(revision)
            tables.insertUnchecked(row)
            outcome.changed += 1
        }
    }

    private mutating func note(_ r: RepeatReport.Repeat) {
        if r.conflicting { conflictCount += 1 } else { outcome.duplicateCount += 1 }
        if repeats.filter({ $0.conflicting == r.conflicting }).count < RepeatReport.limit { repeats.append(r) }
    }
}
