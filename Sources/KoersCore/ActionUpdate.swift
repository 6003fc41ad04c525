import Foundation

/// Where an action stands, as its owner reports it (the issue's six states). The plan document's own status
/// (`ActionStatus`: planned, ongoing, completed) stays what the document says; a report is newer than the document.
public enum ActionProgress: String, Sendable, Codable, CaseIterable {
    case notStarted = "not-started", onCourse = "on-course", atRisk = "at-risk", offCourse = "off-course", done, stopped

    public var label: LocalizedText {
        switch self {
        case .notStarted: LocalizedText(nl: "niet gestart", en: "not started")
        case .onCourse: LocalizedText(nl: "op koers", en: "on course")
        case .atRisk: LocalizedText(nl: "in gevaar", en: "at risk")
        case .offCourse: LocalizedText(nl: "uit koers", en: "off course")
        case .done: LocalizedText(nl: "klaar", en: "done")
        case .stopped: LocalizedText(nl: "stopgezet", en: "stopped")
        }
    }

    /// A report in this state must say why.
    public var needsNote: Bool { self == .atRisk || self == .offCourse }
}

/// An owner's report on an action: its state, how far it is, what it has spent so far, the period the report covers
/// and a note.
public struct ActionUpdate: Sendable, Hashable {
    public var id: Int64
    public var action: String
    public var progress: ActionProgress
    /// 0–100, when the owner gives it.
    public var percentDone: Int?
    /// Euro spent so far, when the owner gives it.
    public var spent: Double?
    /// The period the report covers (canonical notation: `2026`, `2026-Q3`, `2026-09`).
    public var period: Period
    public var note: String?
    /// The e-mail address of who reported.
    public var author: String
    /// ISO 8601, UTC.
    public var at: String
    /// When a steward approved it (or when it was published at once, its plan asking no approval); nil while it waits.
    public var approvedAt: String?
    /// Who approved it, or `published at once`.
    public var approvedBy: String?

    public var isApproved: Bool { approvedAt != nil }

    public init(id: Int64 = 0, action: String, progress: ActionProgress, percentDone: Int? = nil, spent: Double? = nil,
                period: Period, note: String? = nil, author: String, at: String = "", approvedAt: String? = nil,
                approvedBy: String? = nil) {
        self.id = id
        self.action = action
        self.progress = progress
        self.percentDone = percentDone
        self.spent = spent
        self.period = period
        self.note = note
        self.author = author
        self.at = at
        self.approvedAt = approvedAt
        self.approvedBy = approvedBy
    }

    /// The report as the audit trail shows it.
    public var audited: [String: AuditValue] {
        var fields: [String: AuditValue] = ["action": .text(action), "status": .text(progress.rawValue), "period": .text(period.description)]
        if let percentDone { fields["percent_done"] = .number(Double(percentDone)) }
        if let spent { fields["spent"] = .number(spent) }
        if let note { fields["note"] = .text(note) }
        return fields
    }
}

/// The checks of a report as a form sends it, each refusal with what is wrong; nothing is stored while one remains.
public enum ActionUpdateRules {
    public enum Problem: Sendable, Hashable {
        case unknownStatus
        case percentNotANumber, percentOutOfRange
        case spentNotAnAmount, spentNegative
        case periodMissing, periodNotAPeriod(String)
        case noteRequired(ActionProgress)
        case noteTooLong(Int)
    }

    public static let noteLimit = 4000

    /// A report from the form's texts, or every problem with them. `spent` takes `1234.5`, `1.234,50` and `1 234`.
    public static func check(action: String, status: String, percent: String, spent: String, period: String, note: String,
                             author: String) -> Result<ActionUpdate, ProblemList> {
        var problems: [Problem] = []
        let progress = ActionProgress(rawValue: status)
        if progress == nil { problems.append(.unknownStatus) }
        var percentDone: Int?
        let percentText = percent.trimmingCharacters(in: .whitespaces)
        if !percentText.isEmpty {
            if let p = Int(percentText) { if (0...100).contains(p) { percentDone = p } else { problems.append(.percentOutOfRange) } }
            else { problems.append(.percentNotANumber) }
        }
        var amount: Double?
        let spentText = spent.trimmingCharacters(in: .whitespaces)
        if !spentText.isEmpty {
            if let value = euro(spentText) { if value >= 0 { amount = value } else { problems.append(.spentNegative) } }
            else { problems.append(.spentNotAnAmount) }
        }
        let periodText = period.trimmingCharacters(in: .whitespaces)
        let parsed = Period(periodText)
        if periodText.isEmpty { problems.append(.periodMissing) } else if parsed == nil { problems.append(.periodNotAPeriod(String(periodText.prefix(40)))) }
        let noteText = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if let progress, progress.needsNote, noteText.isEmpty { problems.append(.noteRequired(progress)) }
        if noteText.count > noteLimit { problems.append(.noteTooLong(noteText.count)) }
        guard problems.isEmpty, let progress, let parsed else { return .failure(ProblemList(problems: problems)) }
        return .success(ActionUpdate(action: action, progress: progress, percentDone: percentDone, spent: amount, period: parsed,
                                     note: noteText.isEmpty ? nil : noteText, author: author))
    }

    public struct ProblemList: Error, Sendable, Hashable { public var problems: [Problem] }

    /// An amount in euro as people type it: `1234.5`, `1.234,50`, `1 234`, `€ 1.234`; nil for anything else.
    static func euro(_ text: String) -> Double? {
        var t = text.replacingOccurrences(of: "€", with: "").filter { !$0.isWhitespace && $0 != "\u{00A0}" }
        if t.contains(",") {
            // Dutch: dots group thousands, the comma is the decimal sign.
            t = t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        } else if t.filter({ $0 == "." }).count > 1 || t.range(of: #"^-?\d{1,3}(\.\d{3})+$"#, options: .regularExpression) != nil {
            // 1.234 or 1.234.567: thousands.
            t = t.replacingOccurrences(of: ".", with: "")
        }
        guard t.range(of: #"^-?\d+(\.\d+)?$"#, options: .regularExpression) != nil, let value = Double(t), value.isFinite,
              abs(value) < 1e13 else { return nil }
        return value
    }
}
