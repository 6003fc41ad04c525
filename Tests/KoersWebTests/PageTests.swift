import Foundation
import Hummingbird
import HummingbirdTesting
import KoersBundledCatalogue
import KoersCore
import KoersStore
import KoersViews
import Testing

@testable import KoersWeb

/// The pages as a browser receives them, served from a memory store filled with the bundled data (the store contract
/// tests hold its answers to SQLite's and PostgreSQL's; the page snapshots were recorded on SQLite and still match).
@Suite struct PageTests {
    /// A private in-memory store with the bundled catalogue, as `koers serve` fills a new store.
    let store: MemoryStore

    init() async throws {
        store = MemoryStore()
        try await BundledCatalogue.loadIfEmpty(store)
    }

    /// GETs each path and hands status and body to `check`.
    func get(_ paths: [String], _ check: @escaping @Sendable (String, HTTPResponse.Status, String) throws -> Void) async throws {
        let app = try await buildApplication(store: store)
        try await app.test(.router) { client in
            for path in paths {
                try await client.execute(uri: path, method: .get) { response in
                    if response.status == .ok {
                        #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    }
                    try check(path, response.status, String(buffer: response.body))
                }
            }
        }
    }

    /// GETs one page that must exist and be clean, and returns its HTML.
    func page(_ path: String) async throws -> String {
        nonisolated(unsafe) var html = ""
        try await get([path]) { path, status, body in
            #expect(status == .ok, "\(path)")
            Self.expectClean(body, path)
            html = body
        }
        return html
    }

    /// Checks that `html` contains `text`, naming only the missing text when it does not (not the whole page).
    static func expect(_ html: String, contains text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = html.contains(text)
        #expect(found, "missing: \(text)", sourceLocation: sourceLocation)
    }

    /// Nothing of the machinery may leak into a page.
    static func expectClean(_ html: String, _ path: String) {
        for leak in ["{{", "}}", "Optional("] {
            let leaked = html.contains(leak)
            #expect(!leaked, "\(path) contains \(leak)")
        }
        let notANumber = html.contains(try! Regex(#"\b(nan|NaN|inf|Infinity)\b"#))
        #expect(!notANumber, "\(path) shows a number that is not one")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        Self.expect(html, contains: path.hasPrefix("/en") ? "<html lang=\"en\">" : "<html lang=\"nl\">")
    }

    @Test func homeListsTheFivePlans() async throws {
        let plans = try await store.plans()
        let html = try await page("/")
        Self.expect(html, contains: "5 plannen met samen")
        for plan in plans {
            Self.expect(html, contains: "href=\"/plannen/\(plan.id)\"")
        }
        Self.expect(html, contains: "Just Make It! Socio-economische streekvisie voor Zuid-West-Vlaanderen 2020-2030")
        // The plan with ambitions comes first.
        let first = html.range(of: "href=\"/plannen/")!.upperBound
        #expect(html[first...].hasPrefix("streekvisie-zwv\""))
    }

    @Test func streekvisiePageShowsEveryAmbitionWithBaselineTargetAndSources() async throws {
        let plan = try #require(try await store.plan(id: "streekvisie-zwv"))
        let html = try await page("/plannen/streekvisie-zwv")
        for (_, target) in plan.allTargets {
            Self.expect(html, contains: "href=\"/plannen/streekvisie-zwv/ambities/\(target.code)\"")
        }
        Self.expect(html, contains: "7.719\u{00A0}personen (2017)")
        Self.expect(html, contains: "6.000\u{00A0}personen in 2030")
        Self.expect(html, contains: "75,4\u{00A0}% (2016)")
        Self.expect(html, contains: "+25\u{00A0}% tegen 2030")
        Self.expect(html, contains: "1.000 behouden tot 2030")
        Self.expect(html, contains: "gemiddeld 9,2\u{00A0}% (2009–2017)")
        Self.expect(html, contains: "VDAB, verwerking POM West-Vlaanderen")
        Self.expect(html, contains: "Pijler 2")
        Self.expect(html, contains: "Kwalitatief aan de slag krijgen en houden van alle talenten")
    }

    @Test func relanceplanPageTotalsBudgetsByCategoryAndSource() async throws {
        let html = try await page("/plannen/relanceplan-wvl")
        Self.expect(html, contains: "Totaal van de vermelde budgetten: <strong>ca. €\u{00A0}4.500.000</strong>")
        Self.expect(html, contains: "Budget per participatiecategorie")
        Self.expect(html, contains: "Budget per financieringsbron")
        Self.expect(html, contains: "€\u{00A0}2.500.000")
        // Actions also stand under their track in the tree, with lead and budget.
        Self.expect(html, contains: "Solvabiliteitstest en begeleiding voor starters <span class=\"muted\">— POM West-Vlaanderen · ca. €\u{00A0}500.000</span>")
    }

    @Test func targetPageShowsTheNumbersTheIndicatorAndTheObservations() async throws {
        let html = try await page("/plannen/streekvisie-zwv/ambities/2.1.1")
        Self.expect(html, contains: "Stijging van het aandeel werkenden in de bevolking 20-64 jaar van 75,4% in 2016 naar 80% in 2030")
        Self.expect(html, contains: "<dt>Basis</dt><dd>75,4\u{00A0}% (2016)</dd>")
        Self.expect(html, contains: "<dd class=\"goal\">80\u{00A0}% in 2030</dd>")
        Self.expect(html, contains: "VAR, verwerking POM West-Vlaanderen")
        // The SWOT table's figures for ZWV, Flanders and Belgium, each with its source.
        Self.expect(html, contains: "Zuid-West-Vlaanderen</td><td>2016</td><td></td><td class=\"num\">75,4\u{00A0}%")
        Self.expect(html, contains: "Vlaams Gewest</td><td>2016</td><td></td><td class=\"num\">72,6\u{00A0}%")
        Self.expect(html, contains: "België</td><td>2016</td><td></td><td class=\"num\">67,3\u{00A0}%")
        Self.expect(html, contains: "HIVA")
        // Compared as the SWOT tables do: the target's region, then Flanders, then Belgium.
        let zwv = html.range(of: "Zuid-West-Vlaanderen</td><td>2016")!.lowerBound
        let flanders = html.range(of: "Vlaams Gewest</td><td>2016")!.lowerBound
        let belgium = html.range(of: "België</td><td>2016")!.lowerBound
        #expect(zwv < flanders && flanders < belgium)
        Self.expect(html, contains: "href=\"/plannen/streekvisie-zwv/ambities/2.1.1.a\"")
        Self.expect(html, contains: "href=\"/plannen/streekvisie-zwv#n-2.1\"")
    }

    @Test func aTargetWithoutDataSaysSoInsteadOfInventingIt() async throws {
        try await get(["/plannen/streekvisie-zwv/ambities/1.1.1"]) { _, status, html in
            #expect(status == .ok)
            Self.expect(html, contains: "geen waarde vermeld (2020)")
        }
    }

    @Test func aTargetPageGivesEachMethodsVerdictAndExplainsIt() async throws {
        // Test values (made up, in this test's in-memory store) for 2.1.2: 7.719 werkzoekenden (2017) → 6.000 (2030).
        _ = try await store.importObservations([ImportBatch(fileName: "test.csv", sha256: "0", format: "csv", importedAt: "2026-11-23T00:00:00Z")],
                                               dryRun: false) { _, sink in
            for (year, value) in [(2020, 7300.0), (2023, 6900.0)] {
                try sink(Observation(indicator: "niet-werkende-werkzoekenden", region: "ZWV", period: .year(year), value: value, source: "test"),
                         Location(file: "test.csv", line: year - 2018, column: 1))
            }
        }
        let html = try await page("/plannen/streekvisie-zwv/ambities/2.1.2")
        Self.expect(html, contains: "<h2>Voortgang</h2>")
        Self.expect(html, contains: "Rechte lijn naar het doel: <span class=\"badge on\">op koers</span>")
        Self.expect(html, contains: "daalde van 7.719\u{00A0}personen (2017) naar 6.900\u{00A0}personen (2023)")
        for method in ["Open SDG-voortgangsmaat", "Eurostat (SDG-monitoringrapport)", "Trendprojectie"] {
            Self.expect(html, contains: "<h3>\(method): <span class=\"badge ")
        }
        // A target without data says why there is no verdict.
        let empty = try await page("/plannen/streekvisie-zwv/ambities/1.1.1")
        Self.expect(empty, contains: "<span class=\"badge none\">geen oordeel</span></h3><p>Geen oordeel: geen waarnemingen.</p>")
    }

    @Test func everyPlanAndTargetPageAnswers() async throws {
        let plans = try await store.plans()
        let paths = plans.flatMap { plan in
            ["/plannen/\(plan.id)"] + plan.allTargets.map { "/plannen/\(plan.id)/ambities/\($0.target.code)" }
        }
        #expect(paths.count == 5 + 39)
        try await get(paths) { path, status, html in
            #expect(status == .ok, "\(path)")
            Self.expectClean(html, path)
        }
    }

    @Test func unknownPlansAndTargetsAreNotFound() async throws {
        try await get(["/plannen/bestaat-niet", "/plannen/streekvisie-zwv/ambities/9.9.9", "/niets"]) { path, status, html in
            #expect(status == .notFound, "\(path)")
            Self.expect(html, contains: "Niet gevonden")
        }
    }

    @Test func textFromDataIsEscaped() async throws {
        let store = MemoryStore()
        try await store.replaceCatalogue(Catalogue(
            geography: Geography(regions: [Region(code: "ZWV", name: LocalizedText(nl: "<b>ZWV</b>"), level: .custom)]),
            plans: [Plan(id: "x", title: LocalizedText(nl: "<script>alert(1)</script>"), region: "ZWV")]))
        let app = try await buildApplication(store: store)
        try await app.test(.router) { client in
            try await client.execute(uri: "/plannen/x", method: .get) { response in
                let html = String(buffer: response.body)
                let raw = html.contains("<script>alert(1)</script>") || html.contains("<b>ZWV</b>")
                #expect(!raw, "data must be escaped")
                Self.expect(html, contains: "&lt;script&gt;alert(1)&lt;/script&gt;")
            }
        }
    }
}
