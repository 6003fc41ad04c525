import Foundation
import KoersCore

/// The statements that write a catalogue's values, in SQL both stores accept (`?` placeholders, `ON CONFLICT … DO
/// UPDATE`), so that what is stored, and in which order, is written once. Each store runs them in its transaction.
public enum StoreStatements {
    /// Marks a write: run inside every writing transaction, so the new number commits (or rolls back) with it.
    public static let bumpDataVersion = "UPDATE data_version SET version = version + 1"

    /// Empties the catalogue's tables (children first) and writes `c` into them.
    public static func replaceCatalogue(_ c: Catalogue, at time: Date = Date()) -> [SQLStatement] {
        ["budget_line", "action_partner", "action", "target", "plan_node", "plan", "observation", "indicator",
         "funding_programme", "organisation", "region_succession", "region_member", "boundary", "region"]
            .map { SQLStatement("DELETE FROM \($0)") }
            + insert(c)
            + [SQLStatement("""
                INSERT INTO store_info (key, value) VALUES ('catalogue_loaded_at', ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, [.text(ISO8601DateFormatter().string(from: time))])]
    }

    static func insert(_ c: Catalogue) -> [SQLStatement] {
        // Parents before children, so that foreign keys hold on every insert.
        var statements = upsert(c.indicators, regions: c.geography.ordered)
        for (code, members) in c.geography.compositions {
            for (i, member) in members.enumerated() {
                statements.append(SQLStatement("INSERT INTO region_member (region_code, member_code, position) VALUES (?, ?, ?)",
                                               [.text(code), .text(member), .int(i)]))
            }
        }
        for s in c.geography.successions {
            statements.append(SQLStatement("INSERT INTO region_succession (from_code, to_code, date) VALUES (?, ?, ?)",
                                           [.text(s.from), .text(s.to), .text(s.date.description)]))
        }
        for o in c.organisations {
            statements.append(SQLStatement("INSERT INTO organisation (id, name_nl, name_en, name_fr, kind) VALUES (?, ?, ?, ?, ?)",
                                           [.text(o.id), .text(o.name.nl), .text(o.name.en), .text(o.name.fr), .text(o.kind)]))
        }
        for f in c.fundingProgrammes {
            statements.append(SQLStatement("INSERT INTO funding_programme (id, name_nl, name_en, name_fr) VALUES (?, ?, ?, ?)",
                                           [.text(f.id), .text(f.name.nl), .text(f.name.en), .text(f.name.fr)]))
        }
        for (position, plan) in c.plans.enumerated() {
            statements += insert(plan, position: position)
        }
        return statements + insert(c.observations)
    }

    /// Values Koers did not import (a document's figures or derived values): no batch. Fifty rows to a statement, a
    /// round trip each on PostgreSQL (500 placeholders, within any SQLite's limit).
    public static func insert(_ observations: [Observation]) -> [SQLStatement] {
        let rowsPerStatement = 50
        return stride(from: 0, to: observations.count, by: rowsPerStatement).map { start in
            let rows = observations[start..<min(start + rowsPerStatement, observations.count)]
            return SQLStatement("""
                INSERT INTO observation (indicator_code, region_code, period, period_start, breakdown, value, flags, source, note, derivation)
                VALUES
                """ + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows.count).joined(separator: ", "),
                rows.flatMap { o -> [SQLValue] in
                    [.text(o.indicator), .text(o.region), .text(o.period.description), .text(o.period.start.description),
                     .text(o.breakdown.key), .double(o.value), .text(flags(o.flags)), .text(o.source), .text(o.note),
                     .text(o.derivation?.rawValue ?? "")]
                })
        }
    }

    /// Removes the derived values of an indicator; `insert(_:)` then writes the new ones.
    public static func deleteDerived(indicator: String) -> SQLStatement {
        SQLStatement("DELETE FROM observation WHERE indicator_code = ? AND derivation <> ''", [.text(indicator)])
    }

    /// Adds indicators and regions, or updates those with the same code (regions keep their place in the tree).
    public static func upsert(_ indicators: [Indicator], regions: [Region]) -> [SQLStatement] {
        regions.map { r in
            SQLStatement("""
                INSERT INTO region (code, level, name_nl, name_fr, name_en, nuts, parent_code, valid_from, valid_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name_nl = excluded.name_nl, name_fr = excluded.name_fr, name_en = excluded.name_en
                """, [.text(r.code), .text(r.level.rawValue), .text(r.name.nl), .text(r.name.fr), .text(r.name.en),
                      .text(r.nuts), .text(r.parent), .text(r.validFrom?.description), .text(r.validTo?.description)])
        } + indicators.map { i in
            SQLStatement("""
                INSERT INTO indicator (code, name_nl, name_en, definition_nl, definition_en, unit, decimals, direction,
                                       source, processing, frequency, aggregation, citation, weight, formula, open_sdg)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name_nl = excluded.name_nl, name_en = excluded.name_en,
                    definition_nl = excluded.definition_nl, definition_en = excluded.definition_en, unit = excluded.unit,
                    decimals = excluded.decimals, direction = excluded.direction, source = excluded.source,
                    processing = excluded.processing, frequency = excluded.frequency, aggregation = excluded.aggregation,
                    citation = excluded.citation, weight = excluded.weight, formula = excluded.formula,
                    open_sdg = excluded.open_sdg
                """, [.text(i.code), .text(i.name.nl), .text(i.name.en), .text(i.definition?.nl), .text(i.definition?.en),
                      .text(i.unit.rawValue), .int(i.decimals), .text(i.direction.rawValue), .text(i.source),
                      .text(i.processing), .text(i.frequency.rawValue), .text(i.aggregation.rawValue), .text(i.citation),
                      .text(i.weight), .text(i.formula), .text(json(i.openSDG))])
        }
    }

    /// After a file's rows: the batch keeps its counts and is named in the outcome, or is dropped again when it
    /// changed nothing or in a dry run.
    public static func finish(batch id: Int64, rowsRead: Int, outcome: inout ImportOutcome, dryRun: Bool) -> SQLStatement {
        if dryRun || outcome.new + outcome.changed == 0 {
            return SQLStatement("DELETE FROM import_batch WHERE id = ?", [.integer(id)])
        }
        outcome.batchID = id
        return SQLStatement("UPDATE import_batch SET rows_read = ?, new_count = ?, changed_count = ?, unchanged_count = ? WHERE id = ?",
                            [.int(rowsRead), .int(outcome.new), .int(outcome.changed), .int(outcome.unchanged), .integer(id)])
    }

    /// Adds region outlines, or replaces those of the same regions.
    public static func upsert(_ b: Boundary) -> SQLStatement {
        SQLStatement("""
            INSERT INTO boundary (region_code, geometry, source) VALUES (?, ?, ?)
            ON CONFLICT (region_code) DO UPDATE SET geometry = excluded.geometry, source = excluded.source
            """, [.text(b.region), .text(b.geometry), .text(b.source)])
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

    static func insert(_ plan: Plan, position: Int) -> [SQLStatement] {
        var statements = [SQLStatement("""
            INSERT INTO plan (id, position, title_nl, title_en, owner_id, region_code, period, document_title, document_file,
                              document_publisher, document_date, summary_nl, summary_en)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(plan.id), .int(position), .text(plan.title.nl), .text(plan.title.en), .text(plan.owner), .text(plan.region),
                  .text(plan.period?.description), .text(plan.document?.title), .text(plan.document?.file),
                  .text(plan.document?.publisher), .text(plan.document?.date), .text(plan.summary?.nl), .text(plan.summary?.en)])]
        var nodePosition = 0
        var targetPosition = 0
        func insert(_ node: PlanNode, parent: String?) {
            statements.append(SQLStatement("""
                INSERT INTO plan_node (plan_id, code, parent_code, position, kind, title_nl, title_en, summary_nl, summary_en, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(plan.id), .text(node.code), .text(parent), .int(nodePosition), .text(node.kind), .text(node.title.nl),
                      .text(node.title.en), .text(node.summary?.nl), .text(node.summary?.en), .text(node.source)]))
            nodePosition += 1
            for target in node.targets { insert(target, node: node.code, parent: nil) }
            for child in node.nodes { insert(child, parent: node.code) }
        }
        func insert(_ t: Target, node: String, parent: String?) {
            statements.append(SQLStatement("""
                INSERT INTO target (plan_id, code, node_code, parent_code, position, text, indicator_code, region_code,
                                    breakdown, baseline_value, baseline_period, goal_kind, goal_value, goal_direction,
                                    goal_period, note_nl, note_en, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(plan.id), .text(t.code), .text(node), .text(parent), .int(targetPosition), .text(t.text),
                      .text(t.indicator), .text(t.region), .text(t.breakdown.key), .double(t.baseline.value),
                      .text(t.baseline.period.description), .text(t.goal.kind.rawValue), .double(t.goal.value),
                      .text(t.goal.direction?.rawValue), .text(t.goal.period.description), .text(t.note?.nl),
                      .text(t.note?.en), .text(t.source)]))
            targetPosition += 1
            for sub in t.subTargets { insert(sub, node: node, parent: t.code) }
        }
        for node in plan.nodes { insert(node, parent: nil) }

        for (position, a) in plan.actions.enumerated() {
            statements.append(SQLStatement("""
                INSERT INTO action (id, plan_id, position, node_code, title_nl, title_en, summary_nl, summary_en, lead_id,
                                    participation, period, status, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(a.id), .text(plan.id), .int(position), .text(a.node), .text(a.title.nl), .text(a.title.en),
                      .text(a.summary?.nl), .text(a.summary?.en), .text(a.lead), .int(a.participation?.rawValue),
                      .text(a.period?.description), .text(a.status.rawValue), .text(a.source)]))
            for (i, partner) in a.partners.enumerated() {
                statements.append(SQLStatement("INSERT INTO action_partner (action_id, organisation_id, position) VALUES (?, ?, ?)",
                                               [.text(a.id), .text(partner), .int(i)]))
            }
            for (i, line) in a.budget.enumerated() {
                statements.append(SQLStatement("""
                    INSERT INTO budget_line (action_id, position, amount, funding_id, approximate, note) VALUES (?, ?, ?, ?, ?, ?)
                    """, [.text(a.id), .int(i), .double(line.amount), .text(line.funding), .bool(line.approximate), .text(line.note)]))
            }
        }
        return statements
    }
}
