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

    /// Where a region stands from small to large (custom regions 0, municipalities 1 … the country 5); unknown codes
    /// last. Tables and charts list regions in this order, as the Streekvisie's SWOT tables compare ZWV, VL and BE.
    public func sizeRank(_ code: String) -> Int {
        let levels = RegionLevel.allCases
        return geography[code].flatMap { r in levels.firstIndex(of: r.level).map { levels.count - 1 - $0 } } ?? levels.count
    }

    /// A period as its indicator writes it in tables and downloads (`2019-2020`, `2017-18`), which imports read back.
    public func written(_ period: Period, of indicator: String) -> String {
        indicators[indicator]?.periods.written(period) ?? period.description
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

/// The stable URLs of Koers's pages: Dutch at the root, English under `/en` with the same path.
public struct Paths: Sendable {
    public var language: Language

    public init(_ language: Language) { self.language = language }

    public var prefix: String { language == .en ? "/en" : "" }
    public var home: String { prefix + "/" }
    public func plan(_ id: String) -> String { "\(prefix)/plannen/\(Self.escape(id))" }
    public func target(plan: String, code: String) -> String { "\(prefix)/plannen/\(Self.escape(plan))/ambities/\(Self.escape(code))" }
    public func indicator(_ code: String) -> String { "\(prefix)/indicatoren/\(Self.escape(code))" }
    public var indicators: String { prefix + "/indicatoren" }
    public func region(_ code: String) -> String { "\(prefix)/regio/\(Self.escape(code))" }
    public var regions: String { prefix + "/regio" }
    public var actions: String { prefix + "/acties" }
    public func action(_ id: String) -> String { "\(prefix)/acties/\(Self.escape(id))" }
    public var search: String { prefix + "/zoeken" }
    public var methodology: String { prefix + "/methodologie" }
    public var about: String { prefix + "/over" }
    public var signIn: String { page("/aanmelden") }
    public var signOut: String { page("/afmelden") }
    public var account: String { page("/mijn-account") }
    public var accounts: String { page("/beheer/accounts") }
    public var audit: String { page("/beheer/audit") }
    public var uploadData: String { page("/beheer/gegevens") }
    public var drafts: String { page("/beheer/concepten") }
    public func draft(_ id: Int64) -> String { page("/beheer/concepten") + "/\(id)" }
    public var followUp: String { page("/beheer/opvolging") }
    public var editPlans: String { page("/beheer/plannen") }
    public func editPlan(_ id: String) -> String { filled("/beheer/plannen/:plan", ["plan": id]) }
    public func editNode(plan: String, code: String) -> String { filled("/beheer/plannen/:plan/onderdelen/:code", ["plan": plan, "code": code]) }
    public func editTarget(plan: String, code: String) -> String { filled("/beheer/plannen/:plan/ambities/:code", ["plan": plan, "code": code]) }
    public func editAction(plan: String, id: String) -> String { filled("/beheer/plannen/:plan/acties/:id", ["plan": plan, "id": id]) }

    /// The page of a route with parameters (`/beheer/plannen/:plan`), in this language, with each `:name` replaced by
    /// its value, escaped.
    public func filled(_ dutchPattern: String, _ values: [String: String]) -> String {
        page(dutchPattern).split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? values[String(segment.dropFirst())].map(Self.escape) ?? String(segment) : String(segment)
        }.joined(separator: "/")
    }

    /// The pages for signed-in people, which have English names under `/en` (Dutch path → English path).
    public static let englishNames: [String: String] = [
        "/acties/rapporteren": "/en/actions/report", "/acties/goedkeuren": "/en/actions/approve",
        "/aanmelden": "/en/sign-in", "/aanmelden/code": "/en/sign-in/code", "/afmelden": "/en/sign-out",
        "/mijn-account/tweede-factor": "/en/account/second-factor", "/mijn-account/tweede-factor/uit": "/en/account/second-factor/off",
        "/mijn-account": "/en/account", "/mijn-account/wachtwoord": "/en/account/password",
        "/mijn-account/tokens": "/en/account/tokens", "/mijn-account/tokens/intrekken": "/en/account/tokens/revoke",
        "/beheer/accounts": "/en/admin/accounts", "/beheer/accounts/nieuw": "/en/admin/accounts/new",
        "/beheer/accounts/rol": "/en/admin/accounts/role", "/beheer/accounts/status": "/en/admin/accounts/status",
        "/beheer/accounts/wachtwoord": "/en/admin/accounts/password",
        "/beheer/audit": "/en/admin/audit", "/beheer/audit.csv": "/en/admin/audit.csv",
        "/beheer/gegevens": "/en/admin/data", "/beheer/gegevens/voorbeeld": "/en/admin/data/preview",
        "/beheer/gegevens/bevestigen": "/en/admin/data/confirm", "/beheer/concepten": "/en/admin/drafts",
        "/beheer/concepten/:id": "/en/admin/drafts/:id", "/beheer/concepten/goedkeuren": "/en/admin/drafts/approve",
        "/beheer/concepten/afwijzen": "/en/admin/drafts/reject", "/beheer/opvolging": "/en/admin/follow-up",
        "/beheer/plannen": "/en/admin/plans", "/beheer/plannen/:plan": "/en/admin/plans/:plan",
        "/beheer/plannen/:plan/onderdelen/:code": "/en/admin/plans/:plan/parts/:code",
        "/beheer/plannen/:plan/ambities/:code": "/en/admin/plans/:plan/targets/:code",
        "/beheer/plannen/:plan/acties/:id": "/en/admin/plans/:plan/actions/:id",
    ]

    /// The address, in this language, of the page whose Dutch path (without prefix) is `dutchPath`: the same path under
    /// `/en`, but for the pages of `englishNames`.
    public func page(_ dutchPath: String) -> String {
        guard language == .en else { return dutchPath }
        return Self.englishNames[dutchPath] ?? prefix + dutchPath
    }

    /// The language of a request path and the path without its language prefix.
    public static func split(_ path: String) -> (Language, String) {
        if path == "/en" { return (.en, "/") }
        if path.hasPrefix("/en/") { return (.en, String(path.dropFirst(3))) }
        return (.nl, path.isEmpty ? "/" : path)
    }

    /// Codes are slugs and dotted numbers; anything else is percent-encoded so that a URL never breaks.
    public static func escape(_ s: String) -> String {
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
