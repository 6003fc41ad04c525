import Foundation
import KoersCore

/// Turns stored rows back into Core values, for both stores: the queries (with `?` placeholders) and the mapping of
/// their columns. Each store only fetches.
public enum StoredRows {
    /// The queries whose rows the functions below read.
    public enum Query {
        public static let regions = "SELECT * FROM region"
        public static let regionMembers = "SELECT * FROM region_member ORDER BY region_code, position"
        public static let regionSuccessions = "SELECT * FROM region_succession ORDER BY date, to_code, from_code"
        public static let organisations = "SELECT * FROM organisation ORDER BY id"
        public static let fundingProgrammes = "SELECT * FROM funding_programme ORDER BY id"
        public static let indicators = "SELECT * FROM indicator ORDER BY code"
        public static let indicator = "SELECT * FROM indicator WHERE code = ?"
        public static let planIDs = "SELECT id FROM plan ORDER BY position"
        public static let plan = "SELECT * FROM plan WHERE id = ?"
        public static let planTargets = "SELECT * FROM target WHERE plan_id = ? ORDER BY position"
        public static let planNodes = "SELECT * FROM plan_node WHERE plan_id = ? ORDER BY position"
        public static let planPartners = """
            SELECT p.* FROM action_partner p JOIN action a ON a.id = p.action_id WHERE a.plan_id = ? ORDER BY p.position
            """
        public static let planBudgets = """
            SELECT b.* FROM budget_line b JOIN action a ON a.id = b.action_id WHERE a.plan_id = ? ORDER BY b.position
            """
        public static let planActions = "SELECT * FROM action WHERE plan_id = ? ORDER BY position"
        public static let planActionTargets = """
            SELECT l.* FROM action_target l JOIN action a ON a.id = l.action_id WHERE a.plan_id = ? ORDER BY l.position
            """
        public static let batches = "SELECT * FROM import_batch ORDER BY id"
        /// Batch ids grow with time, so the largest one among an indicator's current values is its newest import.
        public static let latestBatch = """
            SELECT * FROM import_batch WHERE id = (SELECT max(batch_id) FROM observation WHERE indicator_code = ?)
            """
        public static let currentVersion = """
            SELECT * FROM observation WHERE indicator_code = ? AND region_code = ? AND period = ? AND breakdown = ?
            """
        public static let dataVersion = "SELECT version FROM data_version"

        /// Observations of one indicator, for some regions (`count` placeholders after the indicator's) or all.
        public static func observations(regions count: Int?) -> String {
            var sql = "SELECT * FROM observation WHERE indicator_code = ?"
            if let count { sql += " AND " + inList("region_code", count) }
            return sql + " ORDER BY region_code, breakdown, period_start, period"
        }

        public static let allObservations = "SELECT * FROM observation ORDER BY indicator_code, region_code, breakdown, period_start, period"

        /// Outlines of some regions (`count` placeholders) or all.
        public static func boundaries(regions count: Int?) -> String {
            var sql = "SELECT region_code, geometry, source FROM boundary"
            if let count { sql += " WHERE " + inList("region_code", count) }
            return sql + " ORDER BY region_code"
        }

        /// `column IN (?, …)`; false for no values (PostgreSQL has no empty list).
        private static func inList(_ column: String, _ count: Int) -> String {
            count == 0 ? "1 = 0" : "\(column) IN (\(Array(repeating: "?", count: count).joined(separator: ",")))"
        }
    }

    /// `<prefix>_nl`, `<prefix>_en`, `<prefix>_fr` columns as one text; nil when the Dutch one is NULL.
    public static func text(_ row: some StoredRow, _ prefix: String) -> LocalizedText? {
        guard let nl = row.text("\(prefix)_nl") else { return nil }
        return LocalizedText(nl: nl, en: row.has("\(prefix)_en") ? row.text("\(prefix)_en") : nil,
                             fr: row.has("\(prefix)_fr") ? row.text("\(prefix)_fr") : nil)
    }

    static func period(_ row: some StoredRow, _ column: String) -> Period? {
        row.text(column).flatMap(Period.init)
    }

    public static func geography<R: StoredRow>(regions: [R], members: [R], successions: [R]) -> Geography {
        let regions = regions.map { row in
            Region(code: row.text("code")!, name: text(row, "name")!, level: RegionLevel(rawValue: row.text("level")!)!,
                   nuts: row.text("nuts"), parent: row.text("parent_code"), validFrom: row.text("valid_from").flatMap(Day.init),
                   validTo: row.text("valid_to").flatMap(Day.init))
        }
        var compositions: [String: [String]] = [:]
        for row in members {
            compositions[row.text("region_code")!, default: []].append(row.text("member_code")!)
        }
        let successions = successions.map {
            RegionSuccession(from: $0.text("from_code")!, to: $0.text("to_code")!, date: Day($0.text("date")!)!)
        }
        return Geography(regions: regions, compositions: compositions, successions: successions)
    }

    public static func organisation(_ row: some StoredRow) -> Organisation {
        Organisation(id: row.text("id")!, name: text(row, "name")!, kind: row.text("kind"))
    }

    public static func fundingProgramme(_ row: some StoredRow) -> FundingProgramme {
        FundingProgramme(id: row.text("id")!, name: text(row, "name")!)
    }

    public static func indicator(_ row: some StoredRow) -> Indicator {
        Indicator(code: row.text("code")!, name: text(row, "name")!, definition: text(row, "definition"),
                  unit: Unit(rawValue: row.text("unit")!)!, decimals: Int(row.integer("decimals")!),
                  direction: Direction(rawValue: row.text("direction")!)!, source: row.text("source"),
                  processing: row.text("processing"), frequency: Frequency(rawValue: row.text("frequency")!)!,
                  aggregation: Aggregation(rawValue: row.text("aggregation")!)!, citation: row.text("citation"),
                  weight: row.text("weight"), formula: row.text("formula"),
                  openSDG: row.text("open_sdg").flatMap { try? JSONDecoder().decode(OpenSDGProgressSettings.self, from: Data($0.utf8)) },
                  periods: row.text("periods").flatMap { try? JSONDecoder().decode(PeriodSettings.self, from: Data($0.utf8)) }
                    ?? PeriodSettings())
    }

    public static func observation(_ row: some StoredRow) -> Observation {
        let flags = row.text("flags")!.split(separator: ",").compactMap { ObservationFlag(rawValue: String($0)) }
        return Observation(indicator: row.text("indicator_code")!, region: row.text("region_code")!, period: period(row, "period")!,
                           breakdown: Breakdown(key: row.text("breakdown")!) ?? Breakdown(), value: row.double("value")!,
                           flags: Set(flags), source: row.text("source")!, note: row.text("note"),
                           derivation: Derivation(rawValue: (row.has("derivation") ? row.text("derivation") : nil) ?? ""))
    }

    public static func batch(_ row: some StoredRow) -> ImportBatch {
        ImportBatch(id: row.integer("id"), fileName: row.text("file_name")!, sha256: row.text("sha256")!,
                    format: row.text("format")!, importedAt: row.text("imported_at")!, rowsRead: Int(row.integer("rows_read")!))
    }

    /// A current value or a revision (rows of `observation` or `observation_revision`) with the batch that brought it.
    public static func version(_ row: some StoredRow, batches: [Int64: ImportBatch]) -> ObservationVersion {
        ObservationVersion(observation: observation(row), batch: row.integer("batch_id").flatMap { batches[$0] },
                           supersededBy: row.has("superseded_by") ? row.integer("superseded_by") : nil)
    }

    public static func boundary(_ row: some StoredRow) -> Boundary {
        Boundary(region: row.text("region_code")!, geometry: row.text("geometry")!, source: row.text("source")!)
    }

    /// A JSON list of ids (a plan's listed organisations); empty when absent, as in a store from before v16.
    static func ids(_ row: some StoredRow, _ column: String) -> [String] {
        guard row.has(column), let text = row.text(column) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// A plan from the rows of the `plan…` queries above.
    public static func plan<R: StoredRow>(_ row: R, nodes nodeRows: [R], targets targetRows: [R], actions actionRows: [R],
                                          partners partnerRows: [R], budgets budgetRows: [R], targetLinks linkRows: [R]) -> Plan {
        let document = row.text("document_title").map {
            DocumentReference(title: $0, file: row.text("document_file"), publisher: row.text("document_publisher"),
                              date: row.text("document_date"))
        }
        func targets(node: String, parent: String?) -> [Target] {
            targetRows.filter { $0.text("node_code") == node && $0.text("parent_code") == parent }.map { t in
                let kind = Goal.Kind(rawValue: t.text("goal_kind")!)!
                let goal = Goal(kind: kind, value: t.double("goal_value"), direction: t.text("goal_direction").flatMap(Direction.init),
                                period: period(t, "goal_period")!)!
                return Target(code: t.text("code")!, text: t.text("text")!, indicator: t.text("indicator_code")!,
                              region: t.text("region_code")!, breakdown: Breakdown(key: t.text("breakdown")!) ?? Breakdown(),
                              baseline: Baseline(value: t.double("baseline_value"), period: period(t, "baseline_period")!),
                              goal: goal, note: text(t, "note"), source: t.text("source"),
                              subTargets: targets(node: node, parent: t.text("code")))
            }
        }
        func nodes(parent: String?) -> [PlanNode] {
            nodeRows.filter { $0.text("parent_code") == parent }.map { n in
                PlanNode(code: n.text("code")!, kind: n.text("kind")!, title: text(n, "title")!, summary: text(n, "summary"),
                         source: n.text("source"), nodes: nodes(parent: n.text("code")), targets: targets(node: n.text("code")!, parent: nil))
            }
        }
        let actions = actionRows.map { a in
            let actionID = a.text("id")!
            return Action(id: actionID, title: text(a, "title")!, summary: text(a, "summary"), node: a.text("node_code"),
                          lead: a.text("lead_id"),
                          partners: partnerRows.filter { $0.text("action_id") == actionID }.map { $0.text("organisation_id")! },
                          participation: a.integer("participation").flatMap { ParticipationCategory(rawValue: Int($0)) },
                          period: period(a, "period"), status: ActionStatus(rawValue: a.text("status")!) ?? .unknown,
                          budget: budgetRows.filter { $0.text("action_id") == actionID }.map {
                              BudgetLine(amount: $0.double("amount")!, funding: $0.text("funding_id"),
                                         approximate: $0.bool("approximate")!, note: $0.text("note"))
                          },
                          source: a.text("source"),
                          serves: linkRows.filter { $0.text("action_id") == actionID }.map {
                              ActionTargetLink(plan: $0.text("plan_id")!, target: $0.text("target_code")!, source: $0.text("source")!)
                          })
        }
        return Plan(id: row.text("id")!, title: text(row, "title")!, owner: row.text("owner_id"), region: row.text("region_code")!,
                    period: period(row, "period"), document: document, summary: text(row, "summary"),
                    nodes: nodes(parent: nil), actions: actions, reportsNeedApproval: row.bool("report_approval") ?? false,
                    organisations: ids(row, "organisations"), fundingProgrammes: ids(row, "funding_programmes"))
    }
}
