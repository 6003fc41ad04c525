import KoersCore

/// What every page builder needs to turn codes into names: regions, organisations, funding programmes, indicators.
public struct Lookup: Sendable {
    public var geography: Geography
    public var organisations: [String: Organisation]
    public var funding: [String: FundingProgramme]
    public var indicators: [String: Indicator]

    public init(geography: Geography, organisations: [Organisation], funding: [FundingProgramme], indicators: [Indicator]) {
        self.geography = geography
        self.organisations = Dictionary(organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.funding = Dictionary(funding.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.indicators = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func regionName(_ code: String, _ language: Language) -> String {
        geography[code]?.name.text(in: language) ?? code
    }

    public func organisationName(_ id: String?, _ language: Language) -> String? {
        id.map { organisations[$0]?.name.text(in: language) ?? $0 }
    }

    public func fundingName(_ id: String?, _ language: Language) -> String {
        guard let id else { return language == .nl ? "Geen bron vermeld" : "No source stated" }
        return funding[id]?.name.text(in: language) ?? id
    }
}

/// A link on a page.
public struct Link: Sendable {
    public var href: String
    public var label: String

    public init(href: String, label: String) {
        self.href = href
        self.label = label
    }
}

/// The stable URLs of Koers's pages.
public enum Paths {
    public static func plan(_ id: String) -> String { "/plannen/\(escape(id))" }
    public static func target(plan: String, code: String) -> String { "/plannen/\(escape(plan))/ambities/\(escape(code))" }
    // The indicator, region and action pages are not served yet; the API's search already links to their URLs.
    public static func indicator(_ code: String) -> String { "/indicatoren/\(escape(code))" }
    public static func region(_ code: String) -> String { "/regio/\(escape(code))" }
    public static let actions = "/acties"

    /// Codes are slugs and dotted numbers; anything else is percent-encoded so that a URL never breaks.
    static func escape(_ s: String) -> String {
        let unreserved = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".utf8)
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for byte in s.utf8 {
            if unreserved.contains(byte) { out.append(Character(Unicode.Scalar(byte))) } else {
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return out
    }
}
