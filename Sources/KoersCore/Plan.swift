/// The seed document a plan transcribes.
public struct DocumentReference: Sendable, Hashable, Codable {
    public var title: String
    public var file: String?
    public var publisher: String?
    public var date: String?

    public init(title: String, file: String? = nil, publisher: String? = nil, date: String? = nil) {
        self.title = title
        self.file = file
        self.publisher = publisher
        self.date = date
    }
}

/// A policy plan: a tree of nodes (pillars, building blocks, components…) with targets and actions.
public struct Plan: Sendable, Hashable, Codable {
    public var id: String
    public var title: LocalizedText
    public var owner: String?
    public var region: String
    public var period: Period?
    public var document: DocumentReference?
    public var summary: LocalizedText?
    public var nodes: [PlanNode]
    public var actions: [Action]
    /// Whether its actions' reports wait for a data steward's approval before the public sees them (else they are
    /// published at once).
    public var reportsNeedApproval: Bool
    /// The ids of the organisations and funding programmes its file lists, in the file's order: the file's own record of
    /// whom the document names (also those no target or action refers to), which `koers export-plans` writes back.
    public var organisations: [String]
    public var fundingProgrammes: [String]

    public init(id: String, title: LocalizedText, owner: String? = nil, region: String, period: Period? = nil,
                document: DocumentReference? = nil, summary: LocalizedText? = nil, nodes: [PlanNode] = [],
                actions: [Action] = [], reportsNeedApproval: Bool = false, organisations: [String] = [],
                fundingProgrammes: [String] = []) {
        self.id = id
        self.title = title
        self.owner = owner
        self.region = region
        self.period = period
        self.document = document
        self.summary = summary
        self.nodes = nodes
        self.actions = actions
        self.reportsNeedApproval = reportsNeedApproval
        self.organisations = organisations
        self.fundingProgrammes = fundingProgrammes
    }

    /// Every node, depth first, in document order.
    public var allNodes: [PlanNode] { nodes.flatMap { [$0] + $0.descendants } }

    /// Every target with the code of the node it hangs under, depth first, sub-targets after their parent.
    public var allTargets: [(node: String, target: Target)] {
        allNodes.flatMap { node in node.targets.flatMap { t in ([t] + t.descendants).map { (node.code, $0) } } }
    }

    public func node(_ code: String) -> PlanNode? { allNodes.first { $0.code == code } }

    public func target(_ code: String) -> Target? { allTargets.first { $0.target.code == code }?.target }

    /// Changes the node `code` in place; false when the plan has none.
    @discardableResult
    public mutating func updateNode(_ code: String, _ change: (inout PlanNode) -> Void) -> Bool {
        func update(_ nodes: inout [PlanNode]) -> Bool {
            for i in nodes.indices {
                if nodes[i].code == code { change(&nodes[i]); return true }
                if update(&nodes[i].nodes) { return true }
            }
            return false
        }
        return update(&nodes)
    }

    /// Changes the target (or sub-target) `code` in place; false when the plan has none.
    @discardableResult
    public mutating func updateTarget(_ code: String, _ change: (inout Target) -> Void) -> Bool {
        func update(_ targets: inout [Target]) -> Bool {
            for i in targets.indices {
                if targets[i].code == code { change(&targets[i]); return true }
                if update(&targets[i].subTargets) { return true }
            }
            return false
        }
        func update(_ nodes: inout [PlanNode]) -> Bool {
            for i in nodes.indices where update(&nodes[i].targets) || update(&nodes[i].nodes) { return true }
            return false
        }
        return update(&nodes)
    }
}

/// A node of a plan's tree. `kind` is the document's own word for the level ("pillar", "building-block"…).
public struct PlanNode: Sendable, Hashable, Codable {
    public var code: String
    public var kind: String
    public var title: LocalizedText
    public var summary: LocalizedText?
    public var source: String?
    public var nodes: [PlanNode]
    public var targets: [Target]

    public init(code: String, kind: String, title: LocalizedText, summary: LocalizedText? = nil, source: String? = nil,
                nodes: [PlanNode] = [], targets: [Target] = []) {
        self.code = code
        self.kind = kind
        self.title = title
        self.summary = summary
        self.source = source
        self.nodes = nodes
        self.targets = targets
    }

    public var descendants: [PlanNode] { nodes.flatMap { [$0] + $0.descendants } }
}

/// Where a target starts from. The period is always known; the value is absent when the document states none.
public struct Baseline: Sendable, Hashable, Codable {
    public var value: Double?
    public var period: Period

    public init(value: Double? = nil, period: Period) {
        self.value = value
        self.period = period
    }
}

/// What a target asks for, in the forms the seed documents use.
public enum Goal: Sendable, Hashable {
    /// Reach `value` by `period` (75.4 % → 80 %; 7,719 → 6,000).
    case absolute(value: Double, period: Period)
    /// Change by `percent` relative to the baseline (+25 %), whether or not the baseline value is stated.
    case relative(percent: Double, period: Period)
    /// Keep the level `value` ("consolidatie van 1.000").
    case maintain(value: Double, period: Period)
    /// Reach a share of `value` percent where no baseline is given.
    case share(value: Double, period: Period)
    /// The average over `period` (a range) reaches `value` (9.2 % over 2009–2017 → 20 % over 2020–2030).
    case average(value: Double, period: Period)
    /// Only a direction is stated ("stijging van …"), no number.
    case direction(Direction, period: Period)

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case absolute, relative, maintain, share, average, direction
    }

    public var kind: Kind {
        switch self {
        case .absolute: .absolute
        case .relative: .relative
        case .maintain: .maintain
        case .share: .share
        case .average: .average
        case .direction: .direction
        }
    }

    /// The number the goal names, if any (a percentage change for `relative`).
    public var value: Double? {
        switch self {
        case .absolute(let v, _), .relative(let v, _), .maintain(let v, _), .share(let v, _), .average(let v, _): v
        case .direction: nil
        }
    }

    public var period: Period {
        switch self {
        case .absolute(_, let p), .relative(_, let p), .maintain(_, let p), .share(_, let p), .average(_, let p),
             .direction(_, let p): p
        }
    }

    /// Builds a goal from its parts, as plan files and the store hold them; nil when the parts do not fit the kind.
    public init?(kind: Kind, value: Double?, direction: Direction?, period: Period) {
        switch kind {
        case .direction:
            guard let d = direction, d != .none else { return nil }
            self = .direction(d, period: period)
        case .absolute, .relative, .maintain, .share, .average:
            guard let v = value else { return nil }
            switch kind {
            case .absolute: self = .absolute(value: v, period: period)
            case .relative: self = .relative(percent: v, period: period)
            case .maintain: self = .maintain(value: v, period: period)
            case .share: self = .share(value: v, period: period)
            default: self = .average(value: v, period: period)
            }
        }
    }

    /// The direction of a `direction` goal.
    public var direction: Direction? {
        if case .direction(let d, _) = self { return d }
        return nil
    }
}

/// An ambition of a plan: a measurable target on an indicator in a region.
public struct Target: Sendable, Hashable {
    /// The document's numbering (1.3.1); sub-targets extend it (2.1.1.a).
    public var code: String
    /// The sentence as the document writes it.
    public var text: String
    public var indicator: String
    public var region: String
    public var breakdown: Breakdown
    public var baseline: Baseline
    public var goal: Goal
    public var note: LocalizedText?
    /// Where in the document the ambition stands.
    public var source: String?
    public var subTargets: [Target]

    public init(code: String, text: String, indicator: String, region: String, breakdown: Breakdown = Breakdown(),
                baseline: Baseline, goal: Goal, note: LocalizedText? = nil, source: String? = nil,
                subTargets: [Target] = []) {
        self.code = code
        self.text = text
        self.indicator = indicator
        self.region = region
        self.breakdown = breakdown
        self.baseline = baseline
        self.goal = goal
        self.note = note
        self.source = source
        self.subTargets = subTargets
    }

    public var descendants: [Target] { subTargets.flatMap { [$0] + $0.descendants } }
}

extension Target: Codable {
    enum CodingKeys: String, CodingKey {
        case code, text, indicator, region, breakdown, baseline, target, note, source, targets
    }

    struct GoalParts: Codable {
        var kind: Goal.Kind
        var value: Double?
        var direction: Direction?
        var period: Period
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let parts = try c.decode(GoalParts.self, forKey: .target)
        guard let goal = Goal(kind: parts.kind, value: parts.value, direction: parts.direction, period: parts.period) else {
            throw DecodingError.dataCorruptedError(forKey: .target, in: c, debugDescription: "incomplete \(parts.kind) target")
        }
        self.init(code: try c.decode(String.self, forKey: .code), text: try c.decode(String.self, forKey: .text),
                  indicator: try c.decode(String.self, forKey: .indicator), region: try c.decode(String.self, forKey: .region),
                  breakdown: try c.decodeIfPresent(Breakdown.self, forKey: .breakdown) ?? Breakdown(),
                  baseline: try c.decode(Baseline.self, forKey: .baseline), goal: goal,
                  note: try c.decodeIfPresent(LocalizedText.self, forKey: .note),
                  source: try c.decodeIfPresent(String.self, forKey: .source),
                  subTargets: try c.decodeIfPresent([Target].self, forKey: .targets) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(text, forKey: .text)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(region, forKey: .region)
        if !breakdown.isEmpty { try c.encode(breakdown, forKey: .breakdown) }
        try c.encode(baseline, forKey: .baseline)
        try c.encode(GoalParts(kind: goal.kind, value: goal.value, direction: goal.direction, period: goal.period), forKey: .target)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(source, forKey: .source)
        if !subTargets.isEmpty { try c.encode(subTargets, forKey: .targets) }
    }
}
