import Foundation
import Hummingbird
import HummingbirdTesting
import KoersCore
import KoersStore
import KoersTestSupport
import Testing

@testable import KoersWeb

/// The dashboard's other pages (indicator, region, actions, search, methodology, about), in both languages, and the
/// downloads, on a real SQLite store with the bundled plans.
@Suite struct DashboardPageTests {
    let pages: PageTests

    init() async throws { pages = try await PageTests() }

    /// Values for one indicator in a municipality and the regions above it, for the indicator and region pages. The
    /// numbers are test values in this test's in-memory store, not data Koers ships.
    func addValues() async throws {
        let rows: [(String, Int, Double)] = [
            ("34022", 2022, 12.5), ("34022", 2023, 13.2), ("34000", 2023, 11.0), ("ZWV", 2023, 10.5),
            ("30000", 2022, 9.0), ("30000", 2023, 9.5), ("02000", 2023, 8.7), ("01000", 2023, 8.0), ("34002", 2023, 7.0),
        ]
        _ = try await pages.store.importObservations([ImportBatch(fileName: "t.csv", sha256: "0", format: "csv",
                                                                  importedAt: "2026-11-23T00:00:00Z")], dryRun: false) { _, sink in
            for (i, (region, year, value)) in rows.enumerated() {
                try sink(Observation(indicator: "werkzaamheidsgraad-20-64", region: region, period: .year(year), value: value, source: "test, \"quoted\""),
                         Location(file: "t.csv", line: i + 2, column: 1))
            }
        }
    }

    @Test func everyPageTypeAnswersInDutchAndInEnglish() async throws {
        try await addValues()
        let paths = ["/", "/plannen/streekvisie-zwv", "/plannen/streekvisie-zwv/ambities/2.1.2", "/indicatoren",
                     "/indicatoren/werkzaamheidsgraad-20-64", "/regio", "/regio/34022", "/acties", "/zoeken?q=werkzoekenden",
                     "/methodologie", "/over"]
        for path in paths {
            let nl = try await pages.page(path)
            PageTests.expect(nl, contains: "<html lang=\"nl\">")
            let en = try await pages.page("/en" + (path == "/" ? "" : path))
            PageTests.expect(en, contains: "<html lang=\"en\">")
            // The switch leads to the same page in the other language.
            PageTests.expect(nl, contains: "href=\"/en\(path == "/" ? "/" : path.replacingOccurrences(of: "&", with: "&amp;"))\" hreflang=\"en\"")
            PageTests.expect(en, contains: "hreflang=\"nl\"")
        }
        let en = try await pages.page("/en/plannen/streekvisie-zwv")
        PageTests.expect(en, contains: "<h2>Structure and targets</h2>")
        PageTests.expect(en, contains: "without a verdict")
    }

    @Test func theTargetPageSaysWhenItsIndicatorWasLastUpdated() async throws {
        let before = try await pages.page("/plannen/streekvisie-zwv/ambities/2.1.1")
        PageTests.expect(before, contains: "<dt>Laatst bijgewerkt</dt><dd class=\"last-update\">geen import: enkel cijfers uit de plandocumenten</dd>")
        try await addValues()
        let after = try await pages.page("/plannen/streekvisie-zwv/ambities/2.1.1")
        PageTests.expect(after, contains: "<dd class=\"last-update\">23 november 2026 (import van t.csv)</dd>")
        let english = try await pages.page("/en/plannen/streekvisie-zwv/ambities/2.1.1")
        PageTests.expect(english, contains: "<dt>Last updated</dt><dd class=\"last-update\">23 November 2026 (import of t.csv)</dd>")
    }

    @Test func theIndicatorPageComparesRegionsAndTheTableHoldsTheValues() async throws {
        try await addValues()
        let html = try await pages.page("/indicatoren/werkzaamheidsgraad-20-64?regio=34022&regio=30000")
        PageTests.expect(html, contains: "<svg")
        // Ranked bars of the municipalities in the latest year: Kortrijk (34022) first, Anzegem (34002) second.
        let kortrijk = try #require(html.range(of: "Kortrijk"))
        let anzegem = try #require(html.range(of: "Anzegem"))
        #expect(kortrijk.lowerBound < anzegem.lowerBound)
        PageTests.expect(html, contains: "<td class=\"num\">13,2\u{00A0}%</td><td class=\"num\">9,5\u{00A0}%</td>")
        PageTests.expect(html, contains: "href=\"/indicatoren/werkzaamheidsgraad-20-64/data.csv?regio=34022&amp;regio=30000\"")
        // Small multiples: one panel per picked region, in the order picked.
        let panels = try #require(html.firstRange(of: "aria-labelledby=\"panelen-title"), "no small multiples")
        let titles = html[panels.lowerBound...].matches(of: try Regex(#"<g class="panel"[^>]*><text[^>]*>([^<]+)</text>"#))
            .compactMap { $0.output[1].substring.map(String.init) }
        #expect(titles == ["Kortrijk", "Provincie West-Vlaanderen"])
        let english = try await pages.page("/en/indicatoren/werkzaamheidsgraad-20-64?regio=34022")
        PageTests.expect(english, contains: "13.2\u{00A0}%")
        #expect(!english.contains("panelen-title"), "one region: no small multiples")
    }

    @Test func theRegionProfilePutsEveryIndicatorBesideTheLevelsAbove() async throws {
        try await addValues()
        let html = try await pages.page("/regio/34022")
        // Kortrijk, its arrondissement, ZWV, the province, Flanders, Belgium — in that order.
        let order = ["Kortrijk", "Arrondissement Kortrijk", "Zuid-West-Vlaanderen", "Provincie West-Vlaanderen", "Vlaams Gewest", "België"]
        let heads = order.compactMap { html.range(of: ">\($0)</a></th>")?.lowerBound }
        #expect(heads.count == order.count, "\(heads.count) of \(order.count) columns")
        #expect(heads == heads.sorted())
        PageTests.expect(html, contains: "<td class=\"num\">13,2\u{00A0}%</td><td class=\"num\">11,0\u{00A0}%</td><td class=\"num\">10,5\u{00A0}%</td><td class=\"num\">9,5\u{00A0}%</td><td class=\"num\">8,7\u{00A0}%</td><td class=\"num\">8,0\u{00A0}%</td>")
    }

    @Test func downloadsGiveTheStoredValuesExactly() async throws {
        try await addValues()
        let app = try await buildApplication(store: pages.store)
        try await app.test(.router) { client in
            try await client.execute(uri: "/indicatoren/werkzaamheidsgraad-20-64/data.csv?regio=34022", method: .get) { response in
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                let lines = String(buffer: response.body).split(separator: "\r\n").map(String.init)
                #expect(lines == ["indicator,region,region_name,period,breakdown,value,flags,source,note",
                                  "werkzaamheidsgraad-20-64,34022,Kortrijk,2022,,12.5,,\"test, \"\"quoted\"\"\",",
                                  "werkzaamheidsgraad-20-64,34022,Kortrijk,2023,,13.2,,\"test, \"\"quoted\"\"\","])
            }
            try await client.execute(uri: "/indicatoren/werkzaamheidsgraad-20-64/data.json?regio=30000", method: .get) { response in
                let rows = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]]
                #expect(rows?.map { $0["value"] as? Double } == [9.0, 9.5])
            }
            try await client.execute(uri: "/indicatoren/werkzaamheidsgraad-20-64/grafiek.svg?regio=34022", method: .get) { response in
                #expect(response.headers[.contentType] == "image/svg+xml; charset=utf-8")
                #expect(String(buffer: response.body).hasPrefix("<svg"))
            }
            // Every chart of the indicator page on its own: small multiples, ranked bars (the map needs outlines).
            for (file, id) in [("panelen.svg?regio=34022&regio=30000", "panelen-title"), ("rangschikking.svg?regio=34022", "staaf-title")] {
                let response = try await client.execute(uri: "/indicatoren/werkzaamheidsgraad-20-64/\(file)", method: .get)
                #expect(response.status == .ok, "\(file)")
                #expect(String(buffer: response.body).hasPrefix("<svg") && String(buffer: response.body).contains(id), "\(file)")
            }
            let noMap = try await client.execute(uri: "/indicatoren/werkzaamheidsgraad-20-64/kaart.svg", method: .get)
            #expect(noMap.status == .notFound, "no outlines loaded: no map")
            try await client.execute(uri: "/plannen/streekvisie-zwv/ambities/2.1.2/data.csv", method: .get) { response in
                #expect(String(buffer: response.body).contains("niet-werkende-werkzoekenden,ZWV,Zuid-West-Vlaanderen,2017,,7719,"))
            }
        }
    }

    /// Texts a file sets (source, note, breakdown) never reach a spreadsheet as a formula; negative numbers stay numbers.
    @Test func downloadedTextsCannotStartAFormulaAndNegativeNumbersStayNumbers() async throws {
        let hostile: [(Breakdown, Double, String, String?)] = [
            (Breakdown(["sex": "=1+1"]), -3.5, "=HYPERLINK(\"http://example.com\",\"x\")", "+SUM(A1:A9)"),
            (Breakdown(["sex": "@SUM(1)"]), 4, "-2+3", "\tTAB"),
        ]
        _ = try await pages.store.importObservations([ImportBatch(fileName: "t.csv", sha256: "0", format: "csv",
                                                                  importedAt: "2026-11-23T00:00:00Z")], dryRun: false) { _, sink in
            for (i, (breakdown, value, source, note)) in hostile.enumerated() {
                try sink(Observation(indicator: "werkzaamheidsgraad-20-64", region: "34022", period: .year(2023), breakdown: breakdown,
                                     value: value, source: source, note: note), Location(file: "t.csv", line: i + 2, column: 1))
            }
        }
        let app = try await buildApplication(store: pages.store)
        try await app.test(.router) { client in
            let csv = String(buffer: try await client.execute(uri: "/indicatoren/werkzaamheidsgraad-20-64/data.csv?regio=34022", method: .get).body)
            let lines = csv.split(separator: "\r\n").map(String.init)
            #expect(lines.dropFirst() == [
                "werkzaamheidsgraad-20-64,34022,Kortrijk,2023,sex==1+1,-3.5,,\"'=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\",'+SUM(A1:A9)",
                "werkzaamheidsgraad-20-64,34022,Kortrijk,2023,sex=@SUM(1),4,,'-2+3,'\tTAB",
            ])
        }
    }

    @Test func theActionTableAndTheRegionProfileDownloadAsTheyAreFiltered() async throws {
        try await addValues()
        let plans = try await pages.store.plans()
        let plan = try #require(plans.first { plan in plan.actions.contains { $0.totalBudget != nil } })
        let page = try await pages.page("/acties?plan=\(plan.id)")
        PageTests.expect(page, contains: "href=\"/acties/data.csv?plan=\(plan.id)\"")
        let app = try await buildApplication(store: pages.store)
        try await app.test(.router) { client in
            let csv = try await client.execute(uri: "/acties/data.csv?plan=\(plan.id)", method: .get)
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"acties.csv\"")
            let lines = String(buffer: csv.body).split(separator: "\r\n")
            #expect(lines.first == "plan,action,title,node,lead,partners,participation,status,period,budget_eur,budget_approximate,funding,source")
            #expect(lines.count == plan.actions.count + 1)
            let json = try await client.execute(uri: "/en/acties/data.json?plan=\(plan.id)", method: .get)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [[String: Any]])
            #expect(rows.map { $0["action"] as? String } == plan.actions.map(\.id))
            // The budgets exactly as the plan states them, absent ones as null (never 0).
            #expect(rows.map { $0["budget_eur"] as? Double } == plan.actions.map(\.totalBudget))
            #expect(rows.filter { $0["budget_eur"] is NSNull }.count == plan.actions.filter { $0.totalBudget == nil }.count)

            let profile = try await client.execute(uri: "/regio/34022/data.csv", method: .get)
            let values = String(buffer: profile.body).split(separator: "\r\n").dropFirst()
            // Kortrijk's two values and those of the five regions it is compared with, and the bundled ZWV figures.
            #expect(values.contains("werkzaamheidsgraad-20-64,34022,Kortrijk,2023,,13.2,,\"test, \"\"quoted\"\"\","))
            #expect(!values.contains { $0.contains(",34002,") }, "Anzegem is not compared with Kortrijk")
            let regions = Set(values.map { $0.split(separator: ",")[1] })
            #expect(regions.isSubset(of: ["34022", "34000", "ZWV", "30000", "02000", "01000"]))
            let missing = try await client.execute(uri: "/regio/34022/data.xml", method: .get)
            #expect(missing.status == .notFound)
        }
    }

    @Test func theActionFiltersAddUpToTheWhole() async throws {
        let all = try await pages.page("/acties")
        let plans = try await pages.store.plans()
        let total = plans.reduce(0) { $0 + $1.actions.count }
        PageTests.expect(all, contains: "\(total) van de \(total) acties.")
        var sum = 0
        for plan in plans where !plan.actions.isEmpty {
            let filtered = try await pages.page("/acties?plan=\(plan.id)")
            PageTests.expect(filtered, contains: "\(plan.actions.count) van de \(total) acties.")
            sum += plan.actions.count
        }
        #expect(sum == total)
    }

    @Test func searchFindsTargetsIndicatorsAndRegionsIgnoringCaseAndAccents() async throws {
        let html = try await pages.page("/zoeken?q=WERKZOEKENDEN")
        PageTests.expect(html, contains: "href=\"/plannen/streekvisie-zwv/ambities/2.1.2\"")
        PageTests.expect(html, contains: "href=\"/indicatoren/niet-werkende-werkzoekenden\"")
        let region = try await pages.page("/zoeken?q=belgie")
        PageTests.expect(region, contains: "href=\"/regio/01000\"")
        let none = try await pages.page("/zoeken?q=qqqxyz")
        PageTests.expect(none, contains: "0 resultaten")
    }
}
