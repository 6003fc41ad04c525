/// An organisation that leads or partners in actions, owns a plan or publishes data.
public struct Organisation: Sendable, Hashable, Codable {
    public var id: String
    public var name: LocalizedText
    /// A free label: agency, government, knowledge-institution, employer-organisation…
    public var kind: String?

    public init(id: String, name: LocalizedText, kind: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

/// A source of money for actions: EFRO, ESF, Interreg, provincial funds…
public struct FundingProgramme: Sendable, Hashable, Codable {
    public var id: String
    public var name: LocalizedText

    public init(id: String, name: LocalizedText) {
        self.id = id
        self.name = name
    }
}
