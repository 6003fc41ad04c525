/// Who someone is in Koers. The public (not signed in) has no role: `Role?` is nil for it.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    /// Manages accounts and every setting; edits plans.
    case admin
    /// An analyst: loads indicator data and approves what others loaded; sees drafts.
    case steward = "data-steward"
    /// Bound to one or more organisations; updates the actions they lead, nothing else.
    case actionOwner = "action-owner"
    /// Internal: sees what the public sees and unpublished drafts; changes nothing.
    case reader

    /// The role's name for people, Dutch first.
    public var label: (nl: String, en: String) {
        switch self {
        case .admin: ("beheerder", "admin")
        case .steward: ("databeheerder", "data steward")
        case .actionOwner: ("actie-eigenaar", "action owner")
        case .reader: ("lezer", "reader")
        }
    }

    /// `admin`, `data-steward`, `action-owner`, `reader`; nil for anything else.
    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }
}
