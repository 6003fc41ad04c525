import Foundation
import GRDB
import KoersCore

/// Turns SQLite rows back into Core values.
enum SQLiteReading {
    /// `<prefix>_nl`, `<prefix>_en`, `<prefix>_fr` columns as one text; nil when the Dutch one is NULL.
    static func text(_ row: Row, _ prefix: String) -> LocalizedText? {
        guard let nl: String = row["\(prefix)_nl"] else { return nil }
        return LocalizedText(nl: nl, en: row.hasColumn("\(prefix)_en") ? row["\(prefix)_en"] : nil,
                             fr: row.hasColumn("\(prefix)_fr") ? row["\(prefix)_fr"] : nil)
    }

    static func period(_ row: Row, _ column: String) -> Period? {
        (row[column] as String?).flatMap(Period.init)
    }

    static func geography(_ db: Database) throws -> Geography {
        let regions = try Row.fetchAll(db, sql: "SELECT * FROM region").map { row in
            Region(code: row["code"], name: text(row, "name")!, level: RegionLevel(rawValue: row["level"])!,
                   nuts: row["nuts"], parent: row["parent_code"], validFrom: (row["valid_from"] as String?).flatMap(Day.init),
                   validTo: (row["valid_to"] as String?).flatMap(Day.init))
        }
        var compositions: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM region_member ORDER BY region_code, position") {
            compositions[row["region_code"], default: []].append(row["member_code"])
        }
        let successions = try Row.fetchAll(db, sql: "SELECT * FROM region_succession ORDER BY date, to_code, from_code").map {
            RegionSuccession(from: $0["from_code"], to: $0["to_code"], date: Day($0["date"])!)
        }
        return Geography(regions: regions, compositions: compositions, successions: successions)
    }

    static func indicator(_ row: Row) -> Indicator {
        Indicator(code: row["code"], name: text(row, "name")!, definition: text(row, "definition"),
                  unit: Unit(rawValue: row["unit"])!, decimals: row["decimals"],
                  direction: Direction(rawValue: row["direction"])!, source: row["source"], processing: row["processing"],
                  frequency: Frequency(rawValue: row["frequency"])!, aggregation: Aggregation(rawValue: row["aggregation"])!,
                  citation: row["citation"], weight: row["weight"], formula: row["formula"],
                  openSDG: (row["open_sdg"] as String?).flatMap { try? JSONDecoder().decode(OpenSDGProgressSettings.self, from: Data($0.utf8)) })
    }

    static func observation(_ row: Row) -> Observation {
        let flags = (row["flags"] as String).split(separator: ",").compactMap { ObservationFlag(rawValue: String($0)) }
        return Observation(indicator: row["indicator_code"], region: row["region_code"], period: period(row, "period")!,
                           breakdown: Breakdown(key: row["breakdown"]) ?? Breakdown(), value: row["value"],
                           flags: Set(flags), source: row["source"], note: row["note"],
                           derivation: Derivation(rawValue: row["derivation"] ?? ""))
    }

    static func batches(_ db: Database, where condition: String = "1", arguments: StatementArguments = []) throws -> [ImportBatch] {
        try Row.fetchAll(db, sql: "SELECT * FROM import_batch WHERE \(condition) ORDER BY id", arguments: arguments).map {
            ImportBatch(id: $0["id"], fileName: $0["file_name"], sha256: $0["sha256"], format: $0["format"],
                        importedAt: $0["imported_at"], rowsRead: $0["rows_read"])
        }
    }

    static func plan(_ db: Database, id: String) throws -> Plan? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM plan WHERE id = ?", arguments: [id]) else { return nil }
        let document = (row["document_title"] as String?).map {
            DocumentReference(title: $0, file: row["document_file"], publisher: row["document_publisher"],
                              date: row["document_date"])
        }

        let targetRows = try Row.fetchAll(db, sql: "SELECT * FROM target WHERE plan_id = ? ORDER BY position", arguments: [id])
        func targets(node: String, parent: String?) -> [Target] {
            targetRows.filter { $0["node_code"] == node && $0["parent_code"] == parent }.map { t in
                let kind = Goal.Kind(rawValue: t["goal_kind"])!
                let goal = Goal(kind: kind, value: t["goal_value"], direction: (t["goal_direction"] as String?).flatMap(Direction.init),
                                period: period(t, "goal_period")!)!
                return Target(code: t["code"], text: t["text"], indicator: t["indicator_code"], region: t["region_code"],
                              breakdown: Breakdown(key: t["breakdown"]) ?? Breakdown(),
                              baseline: Baseline(value: t["baseline_value"], period: period(t, "baseline_period")!),
                              goal: goal, note: text(t, "note"), source: t["source"],
                              subTargets: targets(node: node, parent: t["code"]))
            }
        }
        let nodeRows = try Row.fetchAll(db, sql: "SELECT * FROM plan_node WHERE plan_id = ? ORDER BY position", arguments: [id])
        func nodes(parent: String?) -> [PlanNode] {
            nodeRows.filter { $0["parent_code"] == parent }.map { n in
                PlanNode(code: n["code"], kind: n["kind"], title: text(n, "title")!, summary: text(n, "summary"),
                         source: n["source"], nodes: nodes(parent: n["code"]), targets: targets(node: n["code"], parent: nil))
            }
        }

        let partnerRows = try Row.fetchAll(db, sql: """
            SELECT p.* FROM action_partner p JOIN action a ON a.id = p.action_id WHERE a.plan_id = ? ORDER BY p.position
            """, arguments: [id])
        let budgetRows = try Row.fetchAll(db, sql: """
            SELECT b.* FROM budget_line b JOIN action a ON a.id = b.action_id WHERE a.plan_id = ? ORDER BY b.position
            """, arguments: [id])
        let actions = try Row.fetchAll(db, sql: "SELECT * FROM action WHERE plan_id = ? ORDER BY position", arguments: [id]).map { a in
            let actionID: String = a["id"]
            return Action(id: actionID, title: text(a, "title")!, summary: text(a, "summary"), node: a["node_code"],
                          lead: a["lead_id"], partners: partnerRows.filter { $0["action_id"] == actionID }.map { $0["organisation_id"] },
                          participation: (a["participation"] as Int?).flatMap(ParticipationCategory.init),
                          period: period(a, "period"), status: ActionStatus(rawValue: a["status"]) ?? .unknown,
                          budget: budgetRows.filter { $0["action_id"] == actionID }.map {
                              BudgetLine(amount: $0["amount"], funding: $0["funding_id"], approximate: $0["approximate"], note: $0["note"])
                          },
                          source: a["source"])
        }
        return Plan(id: id, title: text(row, "title")!, owner: row["owner_id"], region: row["region_code"],
                    period: period(row, "period"), document: document, summary: text(row, "summary"),
                    nodes: nodes(parent: nil), actions: actions)
    }
}
