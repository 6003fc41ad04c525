import Foundation
import KoersCore

/// One row to write: its table and its values by column, written once (`StoreStatements`) for every store. The
/// databases turn it into an INSERT; the memory store keeps it as it is.
public struct TableRow: Sendable, Hashable {
    public var table: String
    public var columns: [String]
    public var values: [SQLValue]

    public init(_ table: String, _ columnsAndValues: KeyValuePairs<String, SQLValue>) {
        self.table = table
        columns = columnsAndValues.map(\.key)
        values = columnsAndValues.map(\.value)
    }

    /// `INSERT INTO table (columns) VALUES (?, …)`, followed by `suffix` (a conflict clause).
    public func insert(_ suffix: String = "") -> SQLStatement {
        SQLStatement("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))" + suffix, values)
    }

    var placeholders: String { Array(repeating: "?", count: columns.count).joined(separator: ", ") }
}

/// The statements that write a catalogue's values, in SQL both stores accept (`?` placeholders, `ON CONFLICT … DO
/// UPDATE`), so that what is stored, and in which order, is written once. Each store runs them in its transaction;
/// the rows they write come from the `row` functions, which the memory store uses as they are.
public enum StoreStatements {
    /// Marks a write: run inside every writing transaction, so the new number commits (or rolls back) with it.
    public static let bumpDataVersion = "UPDATE data_version SET version = version + 1"

    /// The tables a catalogue replaces, children first.
    public static let catalogueTables = ["action_target", "budget_line", "action_partner", "action", "target", "plan_node", "plan", "observation",
                                         "indicator", "funding_programme", "organisation", "region_succession", "region_member",
                                         "boundary", "region"]

    /// Empties the catalogue's tables (children first) and writes `c` into them, with its audit row.
    public static func replaceCatalogue(_ c: Catalogue, at time: Date = Date()) -> [SQLStatement] {
        catalogueTables.map { SQLStatement("DELETE FROM \($0)") }
            + upsert(c.indicators, regions: c.geography.ordered)
            + rows(c, withRegionsAndIndicators: false).map { $0.insert() }
            + insert(c.observations)
            + [catalogueLoaded(at: time).insert(" ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
               audit("catalogue.replace", object: "catalogue", after: [
                   "plans": .list(c.plans.map(\.id)), "indicators": .number(Double(c.indicators.count)),
                   "regions": .number(Double(c.geography.ordered.count)), "observations": .number(Double(c.observations.count)),
               ], at: time)]
    }

    /// Indicators added or replaced (`koers indicator add`, `koers indicator reload`), with their audit row.
    public static func saveIndicators(_ indicators: [Indicator]) -> [SQLStatement] {
        upsert(indicators, regions: []) + [audit("indicator.save", object: "indicators", after: ["codes": .list(indicators.map(\.code))])]
    }

    /// Regions added or replaced, with their audit row.
    public static func saveRegions(_ regions: [Region]) -> [SQLStatement] {
        upsert([], regions: regions) + [audit("region.save", object: "regions", after: ["codes": .list(regions.map(\.code))])]
    }

    /// Region outlines added or replaced (`koers import-boundaries`), with their audit row.
    public static func saveBoundaries(_ boundaries: [Boundary]) -> [SQLStatement] {
        boundaries.map(upsert) + [audit("boundary.save", object: "boundaries", after: [
            "regions": .number(Double(boundaries.count)), "sources": .list(Array(Set(boundaries.map(\.source))).sorted()),
        ])]
    }

    /// The audit row of a change outside the accounts and the imports. Only the shell makes these changes today, so
    /// the actor is the operating-system user (as an import's is); a web path that comes to make them passes its own.
    static func audit(_ kind: String, object: String, after: [String: AuditValue], at time: Date = Date(),
                      actor: AuditActor = .commandLine(osUser: ProcessInfo.processInfo.userName)) -> SQLStatement {
        AccountStatements.insert(AuditEntry(at: ISO8601DateFormatter().string(from: time), actor: actor.description, kind: kind,
                                            object: object, after: AuditValue.json(after)))
    }

    /// The `store_info` row that says when the catalogue was loaded.
    public static func catalogueLoaded(at time: Date) -> TableRow {
        TableRow("store_info", ["key": .text("catalogue_loaded_at"), "value": .text(ISO8601DateFormatter().string(from: time))])
    }

    /// Every row of a catalogue but its observations, parents before children, so that foreign keys hold on every
    /// insert.
    public static func rows(_ c: Catalogue, withRegionsAndIndicators: Bool = true) -> [TableRow] {
        var rows = withRegionsAndIndicators ? c.geography.ordered.map(row) + c.indicators.map(row) : []
        for (code, members) in c.geography.compositions {
            for (i, member) in members.enumerated() {
                rows.append(TableRow("region_member", ["region_code": .text(code), "member_code": .text(member), "position": .int(i)]))
            }
        }
        for s in c.geography.successions {
            rows.append(TableRow("region_succession", ["from_code": .text(s.from), "to_code": .text(s.to), "date": .text(s.date.description)]))
        }
        for o in c.organisations {
            rows.append(TableRow("organisation", ["id": .text(o.id), "name_nl": .text(o.name.nl), "name_en": .text(o.name.en),
                                                  "name_fr": .text(o.name.fr), "kind": .text(o.kind)]))
        }
        for f in c.fundingProgrammes {
            rows.append(TableRow("funding_programme", ["id": .text(f.id), "name_nl": .text(f.name.nl), "name_en": .text(f.name.en),
                                                       "name_fr": .text(f.name.fr)]))
        }
        for (position, plan) in c.plans.enumerated() {
            rows += self.rows(plan, position: position)
        }
        return rows
    }

    /// Values Koers did not import (a document's figures or derived values): no batch. Fifty rows to a statement, a
    /// round trip each on PostgreSQL (500 placeholders, within any SQLite's limit).
    public static func insert(_ observations: [Observation]) -> [SQLStatement] {
        let rowsPerStatement = 50
        return stride(from: 0, to: observations.count, by: rowsPerStatement).map { start in
            let rows = observations[start..<min(start + rowsPerStatement, observations.count)].map(row)
            return SQLStatement("INSERT INTO observation (\(rows[0].columns.joined(separator: ", "))) VALUES "
                                + rows.map { "(\($0.placeholders))" }.joined(separator: ", "),
                                rows.flatMap(\.values))
        }
    }

    /// A value Koers did not import (no batch).
    public static func row(_ o: Observation) -> TableRow {
        TableRow("observation", [
            "indicator_code": .text(o.indicator), "region_code": .text(o.region), "period": .text(o.period.description),
            "period_start": .text(o.period.start.description), "breakdown": .text(o.breakdown.key), "value": .double(o.value),
            "flags": .text(flags(o.flags)), "source": .text(o.source), "note": .text(o.note),
            "derivation": .text(o.derivation?.rawValue ?? ""),
        ])
    }

    /// Removes the derived values of an indicator; `insert(_:)` then writes the new ones.
    public static func deleteDerived(indicator: String) -> SQLStatement {
        SQLStatement("DELETE FROM observation WHERE indicator_code = ? AND derivation <> ''", [.text(indicator)])
    }

    /// The columns an upsert of a region changes: its names (regions keep their place in the tree).
    public static let regionUpdates = ["name_nl", "name_fr", "name_en"]

    /// Adds indicators and regions, or updates those with the same code (regions keep their place in the tree).
    public static func upsert(_ indicators: [Indicator], regions: [Region]) -> [SQLStatement] {
        regions.map { upsert(row($0), key: "code", updating: regionUpdates) }
            + indicators.map { upsert(row($0), key: "code", updating: Array(row($0).columns.dropFirst())) }
    }

    private static func upsert(_ row: TableRow, key: String, updating columns: [String]) -> SQLStatement {
        row.insert("\nON CONFLICT (\(key)) DO UPDATE SET " + columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
    }

    public static func row(_ r: Region) -> TableRow {
        TableRow("region", ["code": .text(r.code), "level": .text(r.level.rawValue), "name_nl": .text(r.name.nl),
                            "name_fr": .text(r.name.fr), "name_en": .text(r.name.en), "nuts": .text(r.nuts),
                            "parent_code": .text(r.parent), "valid_from": .text(r.validFrom?.description),
                            "valid_to": .text(r.validTo?.description)])
    }

    public static func row(_ i: Indicator) -> TableRow {
        TableRow("indicator", [
            "code": .text(i.code), "name_nl": .text(i.name.nl), "name_en": .text(i.name.en), "definition_nl": .text(i.definition?.nl),
            "definition_en": .text(i.definition?.en), "unit": .text(i.unit.rawValue), "decimals": .int(i.decimals),
            "direction": .text(i.direction.rawValue), "source": .text(i.source), "processing": .text(i.processing),
            "frequency": .text(i.frequency.rawValue), "aggregation": .text(i.aggregation.rawValue), "citation": .text(i.citation),
            "weight": .text(i.weight), "formula": .text(i.formula), "open_sdg": .text(json(i.openSDG)),
            "periods": .text(i.periods == PeriodSettings() ? nil : json(i.periods)),
        ])
    }

    /// After a file's rows: the batch keeps its counts and is named in the outcome, or is dropped again when it
    /// changed nothing or in a dry run.
    /// The batch's counts and its audit row (kind `data.import`, object `batch:ID`, with the batch id), written in the
    /// import's transaction; or, when the batch changed nothing, its removal (no change, so no audit row).
    public static func finish(batch id: Int64, _ batch: ImportBatch, rowsRead: Int, outcome: inout ImportOutcome, dryRun: Bool) -> [SQLStatement] {
        if !keep(batch: id, outcome: &outcome, dryRun: dryRun) {
            return [SQLStatement("DELETE FROM import_batch WHERE id = ?", [.integer(id)])]
        }
        let after: [String: AuditValue] = [
            "file": .text(batch.fileName), "sha256": .text(batch.sha256), "format": .text(batch.format),
            "rows_read": .number(Double(rowsRead)), "new": .number(Double(outcome.new)), "changed": .number(Double(outcome.changed)),
            "unchanged": .number(Double(outcome.unchanged)),
        ]
        let audit = AuditEntry(at: batch.importedAt, actor: batch.actor.description, kind: "data.import", object: "batch:\(id)",
                               after: AuditValue.json(after), batchID: id)
        return [SQLStatement("UPDATE import_batch SET rows_read = ?, new_count = ?, changed_count = ?, unchanged_count = ? WHERE id = ?",
                             [.int(rowsRead), .int(outcome.new), .int(outcome.changed), .int(outcome.unchanged), .integer(id)]),
                AccountStatements.insert(audit)]
    }

    /// Whether a file's batch is kept (it changed something, and it is no dry run); if so, the outcome names it.
    public static func keep(batch id: Int64, outcome: inout ImportOutcome, dryRun: Bool) -> Bool {
        if dryRun || outcome.new + outcome.changed == 0 { return false }
        outcome.batchID = id
        return true
    }

    /// Adds region outlines, or replaces those of the same regions.
    public static func upsert(_ b: Boundary) -> SQLStatement {
        upsert(row(b), key: "region_code", updating: ["geometry", "source"])
    }

    public static func row(_ b: Boundary) -> TableRow {
        TableRow("boundary", ["region_code": .text(b.region), "geometry": .text(b.geometry), "source": .text(b.source)])
    }

    /// A value as JSON text, nil for nil.
    static func json(_ value: (some Encodable)?) -> String? {
        guard let value, let data = try? JSONEncoder().encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Flags as stored: their names, sorted, comma-separated ("" for none).
    public static func flags(_ flags: Set<ObservationFlag>) -> String {
        if flags.isEmpty { return "" }
        return flags.map(\.rawValue).sorted().joined(separator: ",")
    }

    static func rows(_ plan: Plan, position: Int) -> [TableRow] {
        var rows = [TableRow("plan", [
            "id": .text(plan.id), "position": .int(position), "title_nl": .text(plan.title.nl), "title_en": .text(plan.title.en),
            "owner_id": .text(plan.owner), "region_code": .text(plan.region), "period": .text(plan.period?.description),
            "document_title": .text(plan.document?.title), "document_file": .text(plan.document?.file),
            "document_publisher": .text(plan.document?.publisher), "document_date": .text(plan.document?.date),
            "summary_nl": .text(plan.summary?.nl), "summary_en": .text(plan.summary?.en),
            "report_approval": .bool(plan.reportsNeedApproval), "organisations": .text(json(plan.organisations)),
            "funding_programmes": .text(json(plan.fundingProgrammes)),
        ])]
        var nodePosition = 0
        var targetPosition = 0
        func add(_ node: PlanNode, parent: String?) {
            rows.append(TableRow("plan_node", [
                "plan_id": .text(plan.id), "code": .text(node.code), "parent_code": .text(parent), "position": .int(nodePosition),
                "kind": .text(node.kind), "title_nl": .text(node.title.nl), "title_en": .text(node.title.en),
                "summary_nl": .text(node.summary?.nl), "summary_en": .text(node.summary?.en), "source": .text(node.source),
            ]))
            nodePosition += 1
            for target in node.targets { add(target, node: node.code, parent: nil) }
            for child in node.nodes { add(child, parent: node.code) }
        }
        func add(_ t: Target, node: String, parent: String?) {
            rows.append(TableRow("target", [
                "plan_id": .text(plan.id), "code": .text(t.code), "node_code": .text(node), "parent_code": .text(parent),
                "position": .int(targetPosition), "text": .text(t.text), "indicator_code": .text(t.indicator),
                "region_code": .text(t.region), "breakdown": .text(t.breakdown.key), "baseline_value": .double(t.baseline.value),
                "baseline_period": .text(t.baseline.period.description), "goal_kind": .text(t.goal.kind.rawValue),
                "goal_value": .double(t.goal.value), "goal_direction": .text(t.goal.direction?.rawValue),
                "goal_period": .text(t.goal.period.description), "note_nl": .text(t.note?.nl), "note_en": .text(t.note?.en),
                "source": .text(t.source),
            ]))
            targetPosition += 1
            for sub in t.subTargets { add(sub, node: node, parent: t.code) }
        }
        for node in plan.nodes { add(node, parent: nil) }

        for (position, a) in plan.actions.enumerated() {
            rows.append(TableRow("action", [
                "id": .text(a.id), "plan_id": .text(plan.id), "position": .int(position), "node_code": .text(a.node),
                "title_nl": .text(a.title.nl), "title_en": .text(a.title.en), "summary_nl": .text(a.summary?.nl),
                "summary_en": .text(a.summary?.en), "lead_id": .text(a.lead), "participation": .int(a.participation?.rawValue),
                "period": .text(a.period?.description), "status": .text(a.status.rawValue), "source": .text(a.source),
            ]))
            for (i, partner) in a.partners.enumerated() {
                rows.append(TableRow("action_partner", ["action_id": .text(a.id), "organisation_id": .text(partner), "position": .int(i)]))
            }
            for (i, link) in a.serves.enumerated() {
                rows.append(TableRow("action_target", ["action_id": .text(a.id), "position": .int(i), "plan_id": .text(link.plan),
                                                       "target_code": .text(link.target), "source": .text(link.source)]))
            }
            for (i, line) in a.budget.enumerated() {
                rows.append(TableRow("budget_line", [
                    "action_id": .text(a.id), "position": .int(i), "amount": .double(line.amount), "funding_id": .text(line.funding),
                    "approximate": .bool(line.approximate), "note": .text(line.note),
                ]))
            }
        }
        return rows
    }
}
