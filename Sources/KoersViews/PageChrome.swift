import KoersCore

/// What every page shows around its content: the language, the site navigation and the switch to the other language.
public struct PageChrome: Sendable {
    public struct NavLink: Sendable {
        public var href: String
        public var label: String
        public var current: Bool
    }

    public var lang: String
    public var home: String
    public var nav: [NavLink]
    public var switchHref: String
    public var switchLang: String
    public var switchLabel: String

    /// `path` is the request's path without its language prefix (`/plannen/x`).
    public init(language: Language, path: String) {
        let paths = Paths(language)
        let t = UIText.table(language)
        lang = language.rawValue
        home = paths.home
        let sections: [(String, String, String)] = [
            (paths.home, "nav_plans", "/"), (paths.indicators, "nav_indicators", "/indicatoren"),
            (paths.regions, "nav_regions", "/regio"), (paths.actions, "nav_actions", "/acties"),
            (paths.search, "nav_search", "/zoeken"), (paths.methodology, "nav_methodology", "/methodologie"),
            (paths.about, "nav_about", "/over"),
        ]
        nav = sections.map { href, key, root in
            let current = root == "/" ? (path == "/" || path.hasPrefix("/plannen")) : path.hasPrefix(root)
            return NavLink(href: href, label: t[key] ?? key, current: current)
        }
        let other: Language = language == .nl ? .en : .nl
        switchHref = Paths(other).page(path)
        switchLang = other.rawValue
        switchLabel = other == .en ? "English" : "Nederlands"
    }
}
