import Foundation

/// One file of a draft: what `koers import` records of it as an import batch once the draft is approved.
public struct DraftFile: Sendable, Hashable, Codable {
    public var name: String
    public var sha256: String
    public var format: String
    /// Values staged from this file (exact duplicates counted once).
    public var values: Int

    public init(name: String, sha256: String, format: String, values: Int) {
        self.name = name
        self.sha256 = sha256
        self.format = format
        self.values = values
    }
}

/// What a steward decided about a draft.
public enum DraftVerdict: String, Sendable, Hashable, CaseIterable {
    case approved, rejected
}

public struct DraftDecision: Sendable, Hashable {
    public var verdict: DraftVerdict
    /// `AuditActor.description` of who decided.
    public var by: String
    public var at: String
    public var note: String?

    public init(verdict: DraftVerdict, by: String, at: String, note: String?) {
        self.verdict = verdict
        self.by = by
        self.at = at
        self.note = note
    }
}

/// Values imported as a draft: validated by the import pipeline, held apart from the published values until a
/// steward approves them (they are then imported, all or nothing) or rejects them (the published values never saw
/// them). Nothing that reads published data (pages for the public, the API, downloads, assessment) reads drafts.
public struct Draft: Sendable, Hashable {
    public var id: Int64
    public var createdAt: String
    /// `AuditActor.description` of who staged it.
    public var createdBy: String
    public var files: [DraftFile]
    /// What the draft would do to the published values when it was staged: new, revised, unchanged.
    public var new: Int
    public var changed: Int
    public var unchanged: Int
    public var decision: DraftDecision?

    public init(id: Int64 = 0, createdAt: String, createdBy: String, files: [DraftFile], new: Int, changed: Int, unchanged: Int,
                decision: DraftDecision? = nil) {
        self.id = id
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.files = files
        self.new = new
        self.changed = changed
        self.unchanged = unchanged
        self.decision = decision
    }

    public var isWaiting: Bool { decision == nil }
    public var values: Int { files.reduce(0) { $0 + $1.values } }
}

/// One staged value, with the place in its file it was read from (so that a refused approval still points at lines).
public struct DraftValue: Sendable, Hashable {
    public var draft: Int64
    /// Index into `Draft.files`.
    public var file: Int
    public var observation: Observation
    public var line: Int
    public var column: Int

    public init(draft: Int64 = 0, file: Int, observation: Observation, line: Int, column: Int) {
        self.draft = draft
        self.file = file
        self.observation = observation
        self.line = line
        self.column = column
    }
}

public enum DraftError: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(Int64)
    case decided(Int64, DraftVerdict)
    /// Four eyes: the person who staged a draft may not decide on it.
    case ownDraft(Int64)

    public var description: String {
        switch self {
        case .notFound(let id): "there is no draft \(id)"
        case .decided(let id, let verdict): "draft \(id) was \(verdict.rawValue) already"
        case .ownDraft(let id): "draft \(id) was staged by you; with four eyes another steward decides on it"
        }
    }
}

extension AuditActor {
    /// The person behind the actor, for four eyes: a user and that user's tokens are one person.
    public var person: String {
        switch self {
        case .user(let email), .token(_, let email): email
        case .commandLine(let osUser): "cli:\(osUser)"
        }
    }

    /// The person behind an actor's description (`user:a@b`, `token:3:a@b`, `cli:root`).
    public static func person(of description: String) -> String {
        if description.hasPrefix("user:") { return String(description.dropFirst(5)) }
        if description.hasPrefix("token:") { return String(description.split(separator: ":", maxSplits: 2).last ?? "") }
        return description
    }
}

extension Draft {
    /// Throws unless `actor` may give this verdict now: the draft waits, and with `fourEyes` someone else staged it
    /// before it is approved (whoever staged a draft may withdraw it: rejecting publishes nothing).
    public func checkDecidable(_ verdict: DraftVerdict, by actor: AuditActor, fourEyes: Bool) throws {
        if let decision { throw DraftError.decided(id, decision.verdict) }
        if verdict == .approved && fourEyes && AuditActor.person(of: createdBy) == actor.person { throw DraftError.ownDraft(id) }
    }
}

/// The note of a decision on a draft: a person's text, kept in the audit trail and shown to whoever staged it.
public enum DraftNote {
    public static let limit = 2000

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// The note, trimmed; throws when it is longer than `limit` or holds control characters other than line breaks.
    public static func check(_ text: String) throws -> String {
        let note = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > limit { throw Problem(description: "at most \(limit) characters, not \(note.count)") }
        if note.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t") || $0.value == 0x7F }) {
            throw Problem(description: "no control characters")
        }
        return note
    }
}
