import Foundation
import GRDB
import KoersCore

/// Inserts a catalogue's values into the SQLite tables (inside the caller's transaction).
enum SQLiteWriting {
    static func insert(_ c: Catalogue, into db: Database) throws {
        // Parents before children, so that foreign keys hold on every insert.
        try upsert(c.indicators, regions: c.geography.ordered, into: db)
        for (code, members) in c.geography.compositions {
            for (i, member) in members.enumerated() {
                try db.execute(sql: "INSERT INTO region_member (region_code, member_code, position) VALUES (?, ?, ?)",
                               arguments: [code, member, i])
            }
        }
        for s in c.geography.successions {
            try db.execute(sql: "INSERT INTO region_succession (from_code, to_code, date) VALUES (?, ?, ?)",
                           arguments: [s.from, s.to, s.date.description])
        }
        for o in c.organisations {
            try db.execute(sql: "INSERT INTO organisation (id, name_nl, name_en, name_fr, kind) VALUES (?, ?, ?, ?, ?)",
                           arguments: [o.id, o.name.nl, o.name.en, o.name.fr, o.kind])
        }
        for f in c.fundingProgrammes {
            try db.execute(sql: "INSERT INTO funding_programme (id, name_nl, name_en, name_fr) VALUES (?, ?, ?, ?)",
                           arguments: [f.id, f.name.nl, f.name.en, f.name.fr])
        }
        for (position, plan) in c.plans.enumerated() {
            try insert(plan, position: position, into: db)
        }
        for o in c.observations { try insert(o, into: db) }
    }

    static func insert(_ o: Observation, into db: Database) throws {
        try db.execute(sql: """
            INSERT INTO observation (indicator_code, region_code, period, period_start, breakdown, value, flags, source, note, derivation)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [o.indicator, o.region, o.period.description, o.period.start.description, o.breakdown.key,
                             o.value, flags(o.flags), o.source, o.note, o.derivation?.rawValue ?? ""])
    }

    /// Adds indicators and regions, or updates those with the same code (regions keep their place in the tree).
    static func upsert(_ indicators: [Indicator], regions: [Region], into db: Database) throws {
        for r in regions {
            try db.execute(sql: """
                INSERT INTO region (code, level, name_nl, name_fr, name_en, nuts, parent_code, valid_from, valid_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name_nl = excluded.name_nl, name_fr = excluded.name_fr, name_en = excluded.name_en
                """, arguments: [r.code, r.level.rawValue, r.name.nl, r.name.fr, r.name.en, r.nuts, r.parent,
                                 r.validFrom?.description, r.validTo?.description])
        }
        for i in indicators {
            try db.execute(sql: """
                INSERT INTO indicator (code, name_nl, name_en, definition_nl, definition_en, unit, decimals, direction,
                                       source, processing, frequency, aggregation, citation, weight, formula, open_sdg)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name_nl = excluded.name_nl, name_en = excluded.name_en,
                    definition_nl = excluded.definition_nl, definition_en = excluded.definition_en, unit = excluded.unit,
                    decimals = excluded.decimals, direction = excluded.direction, source = excluded.source,
                    processing = excluded.processing, frequency = excluded.frequency, aggregation = excluded.aggregation,
                    citation = excluded.citation, weight = excluded.weight, formula = excluded.formula,
                    open_sdg = excluded.open_sdg
                """, arguments: [i.code, i.name.nl, i.name.en, i.definition?.nl, i.definition?.en, i.unit.rawValue,
                                 i.decimals, i.direction.rawValue, i.source, i.processing, i.frequency.rawValue,
                                 i.aggregation.rawValue, i.citation, i.weight, i.formula, json(i.openSDG)])
        }
    }

    /// A value as JSON text, nil for nil.
    static func json(_ value: (some Encodable)?) -> String? {
        guard let value, let data = try? JSONEncoder().encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Flags as stored: their names, sorted, comma-separated ("" for none).
    static func flags(_ flags: Set<ObservationFlag>) -> String {
        if flags.isEmpty { return "" }
        return flags.map(\.rawValue).sorted().joined(separator: ",")
    }

    static func insert(_ plan: Plan, position: Int, into db: Database) throws {
        try db.execute(sql: """
            INSERT INTO plan (id, position, title_nl, title_en, owner_id, region_code, period, document_title, document_file,
                              document_publisher, document_date, summary_nl, summary_en)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [plan.id, position, plan.title.nl, plan.title.en, plan.owner, plan.region,
                             plan.period?.description, plan.document?.title, plan.document?.file, plan.document?.publisher,
                             plan.document?.date, plan.summary?.nl, plan.summary?.en])
        var nodePosition = 0
        var targetPosition = 0
        func insert(_ node: PlanNode, parent: String?) throws {
            try db.execute(sql: """
                INSERT INTO plan_node (plan_id, code, parent_code, position, kind, title_nl, title_en, summary_nl, summary_en, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [plan.id, node.code, parent, nodePosition, node.kind, node.title.nl, node.title.en,
                                 node.summary?.nl, node.summary?.en, node.source])
            nodePosition += 1
            for target in node.targets { try insert(target, node: node.code, parent: nil) }
            for child in node.nodes { try insert(child, parent: node.code) }
        }
        func insert(_ t: Target, node: String, parent: String?) throws {
            try db.execute(sql: """
                INSERT INTO target (plan_id, code, node_code, parent_code, position, text, indicator_code, region_code,
                                    breakdown, baseline_value, baseline_period, goal_kind, goal_value, goal_direction,
                                    goal_period, note_nl, note_en, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [plan.id, t.code, node, parent, targetPosition, t.text, t.indicator, t.region,
                                 t.breakdown.key, t.baseline.value, t.baseline.period.description, t.goal.kind.rawValue,
                                 t.goal.value, t.goal.direction?.rawValue, t.goal.period.description, t.note?.nl,
                                 t.note?.en, t.source])
            targetPosition += 1
            for sub in t.subTargets { try insert(sub, node: node, parent: t.code) }
        }
        for node in plan.nodes { try insert(node, parent: nil) }

        for (position, a) in plan.actions.enumerated() {
            try db.execute(sql: """
                INSERT INTO action (id, plan_id, position, node_code, title_nl, title_en, summary_nl, summary_en, lead_id,
                                    participation, period, status, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [a.id, plan.id, position, a.node, a.title.nl, a.title.en, a.summary?.nl, a.summary?.en,
                                 a.lead, a.participation?.rawValue, a.period?.description, a.status.rawValue, a.source])
            for (i, partner) in a.partners.enumerated() {
                try db.execute(sql: "INSERT INTO action_partner (action_id, organisation_id, position) VALUES (?, ?, ?)",
                               arguments: [a.id, partner, i])
            }
            for (i, line) in a.budget.enumerated() {
                try db.execute(sql: """
                    INSERT INTO budget_line (action_id, position, amount, funding_id, approximate, note) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [a.id, i, line.amount, line.funding, line.approximate, line.note])
            }
        }
    }
}
