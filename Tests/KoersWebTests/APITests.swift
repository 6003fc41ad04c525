import Foundation
import Hummingbird
import HummingbirdTesting
import KoersBundledCatalogue
import KoersCore
import KoersStore
import Testing

@testable import KoersWeb

/// The JSON API as a client receives it, served from a memory store filled with the bundled data (the store contract tests hold it to SQLite's and PostgreSQL's answers), and every
/// answer checked against the OpenAPI document the server publishes.
@Suite struct APITests {
    let store: MemoryStore

    init() async throws {
        store = MemoryStore()
        try await BundledCatalogue.loadIfEmpty(store)
    }

    struct Answer: Sendable {
        var path: String
        var status: Int
        var contentType: String?
        var body: JSON
    }

    /// GETs each path in one running application.
    func get(_ paths: [String]) async throws -> [Answer] {
        let app = try await buildApplication(store: store)
        return try await app.test(.router) { client in
            var answers: [Answer] = []
            for path in paths {
                let response = try await client.execute(uri: path, method: .get)
                let body = try JSON.parse(Data(response.body.readableBytesView))
                answers.append(Answer(path: path, status: Int(response.status.code), contentType: response.headers[.contentType], body: body))
            }
            return answers
        }
    }

    func get(_ path: String) async throws -> Answer { try await get([path])[0] }

    /// GETs a path that must answer 200 and returns its body.
    func json(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSON {
        let answer = try await get(path)
        #expect(answer.status == 200, "\(path): \(answer.body)", sourceLocation: sourceLocation)
        return answer.body
    }

    func spec() async throws -> OpenAPISpec { OpenAPISpec(json: try await json("/api/openapi.json")) }

    /// Test values (made up, in this test's in-memory store) for the Streekvisie's 2.1.2, as PageTests uses them.
    func importTestValues() async throws {
        _ = try await store.importObservations([ImportBatch(fileName: "test.csv", sha256: "0", format: "csv", importedAt: "2026-11-23T00:00:00Z")],
                                               dryRun: false) { _, sink in
            for (year, value) in [(2020, 7300.0), (2023, 6900.0)] {
                try sink(Observation(indicator: "niet-werkende-werkzoekenden", region: "ZWV", period: .year(year), value: value, source: "test"),
                         Location(file: "test.csv", line: year - 2018, column: 1))
            }
        }
    }

    // MARK: Content

    @Test func thePlansListHasTheFiveSeedPlansWithTheirTitlesAndHeadlines() async throws {
        let body = try await json("/api/v1/plans")
        #expect(body["method"].string == "open-sdg")
        let titles = Dictionary(uniqueKeysWithValues: body["plans"].array.map { ($0["id"].string ?? "", $0["title"]["nl"].string ?? "") })
        #expect(titles == [
            "streekvisie-zwv": "Just Make It! Socio-economische streekvisie voor Zuid-West-Vlaanderen 2020-2030",
            "masterplan-wvl": "Economisch masterplan voor West-Vlaanderen",
            "relanceplan-wvl": "Socio-economisch relanceplan West-Vlaanderen",
            "fabrieken-voor-de-toekomst": "Een West-Vlaams netwerk van Fabrieken voor de Toekomst",
            "provinciaal-beleid": "Gebiedsgericht en bovenlokaal: het provinciaal economisch beleid",
        ])
        let streekvisie = try #require(body["plans"].array.first { $0["id"].string == "streekvisie-zwv" })
        #expect(streekvisie["title"]["en"].string == "Just Make It! Socio-economic regional vision for South-West Flanders 2020-2030")
        #expect(streekvisie["period"].string == "2020/2030")
        #expect(streekvisie["region"]["code"].string == "ZWV")
        #expect(streekvisie["owner"]["id"].string == "resoc-zwv")
        #expect(streekvisie["counts"]["targets"].number == 38 && streekvisie["counts"]["actions"].number == 0)
        #expect(streekvisie["budget_total"].isNull)
        // Every target is counted once: with a verdict or without.
        let headline = streekvisie["headline"]
        let verdicts = headline["statuses"].array.compactMap { $0["count"].number }.reduce(0, +)
        #expect(headline["total"].number == 38 && verdicts + (headline["no_verdict"].number ?? -1) == 38)
        let relance = try #require(body["plans"].array.first { $0["id"].string == "relanceplan-wvl" })
        #expect(relance["budget_total"].number == 4_500_000)
    }

    @Test func theWerkzoekendenTargetHasItsBaselineGoalIndicatorAndObservations() async throws {
        let body = try await json("/api/v1/plans/streekvisie-zwv/targets/2.1.2")
        let target = body["target"]
        #expect(target["text"].string == "Daling van het aantal niet-werkende werkzoekenden van 7.719 in 2017 naar 6.000 in 2030 (-22%)")
        #expect(target["baseline"] == .object(["value": .number(7719), "period": .string("2017")]))
        #expect(target["goal"]["kind"].string == "absolute" && target["goal"]["value"].number == 6000)
        #expect(target["goal"]["period"].string == "2030" && target["goal"]["direction"].isNull)
        #expect(target["node"].string == "2.1" && target["region"]["code"].string == "ZWV")
        #expect(target["source"].string == "Pijler 2, Bouwsteen 2.1; Bijlage 2 (2.1.2)")
        #expect(target["note"] == .object(["nl": .string("Document: -22%."), "en": .string("Document: -22%.")]))
        let indicator = body["indicator"]
        #expect(indicator["code"].string == "niet-werkende-werkzoekenden" && indicator["unit"].string == "persons")
        #expect(indicator["source"].string == "VDAB" && indicator["processing"].string == "POM West-Vlaanderen")
        #expect(indicator["citation"].string == "Streekvisie, Bijlage 2 (2.1.2)")
        #expect(indicator["name"]["en"].string == "Unemployed jobseekers")
        let stated = try #require(body["observations"].array.first { $0["region"]["code"].string == "ZWV" && $0["period"].string == "2017" })
        #expect(stated["value"].number == 7719 && stated["note"].string == "Ook basiswaarde van ambitie 2.1.2 (Bouwsteen 2.1).")
        // One point is not a trend: every method says why it has no verdict, in both languages.
        #expect(body["assessments"].array.map { $0["method"].string } == ["open-sdg", "eurostat", "linear", "projection"])
        for a in body["assessments"].array {
            #expect(a["status"].isNull && a["reason"].string != nil)
            #expect(a["explanation"]["nl"].string?.hasPrefix("Geen oordeel: ") == true)
            #expect(a["explanation"]["en"].string?.hasPrefix("No verdict: ") == true)
        }
    }

    @Test func aTargetWithValuesGetsEachMethodsNumbersAndExplanation() async throws {
        try await importTestValues()
        let body = try await json("/api/v1/plans/streekvisie-zwv/targets/2.1.2")
        let linear = try #require(body["assessments"].array.first { $0["method"].string == "linear" })
        #expect(linear["status"].string == "on_path")
        #expect(linear["status_label"] == .object(["nl": .string("op koers"), "en": .string("on course")]))
        let numbers = linear["numbers"]
        #expect(numbers["base_period"].string == "2017" && numbers["base_value"].number == 7719)
        #expect(numbers["current_period"].string == "2023" && numbers["current_value"].number == 6900)
        #expect(numbers["target"].number == 6000 && numbers["target_period"].string == "2030")
        // On the straight line from 7.719 (2017) to 6.000 (2030) the value in 2023 would be 7719 − 1719 × 6/13.
        #expect(abs((numbers["expected_today"].number ?? 0) - (7719 - 1719.0 * 6 / 13)) < 1e-9)
        #expect(numbers["projection"].isNull && numbers["probability"].isNull)
        #expect(linear["explanation"]["nl"].string
            == "Aantal niet-werkende werkzoekenden daalde van 7.719\u{00A0}personen (2017) naar 6.900\u{00A0}personen (2023); om 6.000\u{00A0}personen te halen in 2030 moet het jaarlijks met 132 dalen; het daalt met 137 per jaar (op een rechte lijn naar het doel was 6.926\u{00A0}personen verwacht in 2023).")
        #expect(linear["explanation"]["en"].string?.hasPrefix("Unemployed jobseekers fell from 7,719\u{00A0}persons (2017) to 6,900\u{00A0}persons (2023)") == true)
        let projection = try #require(body["assessments"].array.first { $0["method"].string == "projection" })
        #expect(projection["numbers"]["projection_low"].number != nil && projection["numbers"]["projection_high"].number != nil)
        let openSDG = try #require(body["assessments"].array.first { $0["method"].string == "open-sdg" })
        #expect(openSDG["score"].number != nil)
        #expect(body["target"]["verdict"]["method"].string == "open-sdg" && body["target"]["verdict"]["status"] == openSDG["status"])

        // The plan and its nodes count the verdict under the method asked for.
        let plan = try await json("/api/v1/plans/streekvisie-zwv?method=linear")
        #expect(plan["method"].string == "linear")
        #expect(plan["plan"]["headline"]["statuses"].array.contains { $0["status"].string == "on_path" && $0["count"].number == 1 })
        let pillar = try #require(plan["nodes"].array.first { $0["code"].string == "2" })
        let block = try #require(pillar["nodes"].array.first { $0["code"].string == "2.1" })
        for node in [pillar, block] {
            #expect(node["roll_up"]["statuses"].array.map { $0["status"].string } == ["on_path"])
        }
        #expect(block["targets"].array.contains(.string("2.1.2")))
        let row = try #require(plan["targets"].array.first { $0["code"].string == "2.1.2" })
        #expect(row["verdict"] == .object(["method": .string("linear"), "status": .string("on_path"),
                                           "label": .object(["nl": .string("op koers"), "en": .string("on course")])]))
    }

    @Test func thePlanHasItsTreeTargetsActionsAndBudgetTotals() async throws {
        let streekvisie = try await json("/api/v1/plans/streekvisie-zwv")
        #expect(streekvisie["nodes"].array.map { $0["code"].string } == ["1", "2", "3"])
        #expect(streekvisie["nodes"][1]["kind"].string == "pillar" && streekvisie["nodes"][1]["kind_label"]["nl"].string == "Pijler")
        #expect(streekvisie["nodes"][1]["title"]["nl"].string == "Kansrijke arbeidsmarkt")
        #expect(streekvisie["nodes"][1]["nodes"][0]["title"]["nl"].string == "Kwalitatief aan de slag krijgen en houden van alle talenten")
        #expect(streekvisie["targets"].array.count == 38)
        let sub = try #require(streekvisie["targets"].array.first { $0["code"].string == "2.1.1.a" })
        #expect(sub["parent"].string == "2.1.1" && sub["breakdown"]["age"].string == "15-64")
        #expect(sub["url"].string == "/plannen/streekvisie-zwv/ambities/2.1.1.a")

        let relance = try await json("/api/v1/plans/relanceplan-wvl")
        let budget = relance["budget"]
        #expect(budget["total"].number == 4_500_000 && budget["approximate"].bool == true)
        for split in ["by_participation", "by_funding"] {
            #expect(budget[split].array.compactMap { $0["amount"].number }.reduce(0, +) == 4_500_000, "\(split)")
        }
        let starters = try #require(relance["actions"].array.first { $0["id"].string == "relance-starters-solvabiliteit" })
        #expect(starters["lead"]["name"]["nl"].string == "POM West-Vlaanderen" && starters["budget_total"].number == 500_000)
        #expect(starters["budget"][0]["approximate"].bool == true && starters["budget"][0]["funding"]["id"].string == "provinciaal-budget")
        #expect(starters["status"].string == "ongoing" && starters["status_label"]["nl"].string == "lopend")
    }

    @Test func actionFiltersSplitTheTotalsWithoutLosingOrCountingAnythingTwice() async throws {
        let all = try await json("/api/v1/actions")
        let total = try #require(all["totals"]["total"].number)
        #expect(total > 0 && all["actions"].array.count == 31)
        #expect(all["totals"]["by_funding"].array.compactMap { $0["amount"].number }.reduce(0, +) == total)
        let plans = try await json("/api/v1/plans")["plans"].array.compactMap { $0["id"].string }
        let fundings = all["totals"]["by_funding"].array.map { $0["funding"]["id"].string ?? "none" }
        let splits: [(String, [String])] = [
            ("plan", plans), ("participation", ["1", "2", "3", "4", "none"]), ("status", ["planned", "ongoing", "completed", "unknown"]),
            ("funding", fundings),
        ]
        for (parameter, values) in splits {
            let parts = try await get(values.map { "/api/v1/actions?\(parameter)=\($0)" })
            #expect(parts.allSatisfy { $0.status == 200 }, "\(parameter)")
            let sum = parts.compactMap { $0.body["totals"]["total"].number }.reduce(0, +)
            #expect(abs(sum - total) < 0.005, "\(parameter): parts add up to \(sum), not \(total)")
            if parameter != "funding" {
                // Every action lies in exactly one part.
                #expect(parts.map { $0.body["actions"].array.count }.reduce(0, +) == all["actions"].array.count, "\(parameter)")
            }
            for part in parts {
                let own = part.body["actions"].array.compactMap { $0["budget_total"].number }.reduce(0, +)
                #expect(own == part.body["totals"]["total"].number, "\(part.path)")
            }
        }
        // Values combine: two plans are the sum of each.
        let two = try await json("/api/v1/actions?plan=relanceplan-wvl,masterplan-wvl&status=planned,ongoing,completed,unknown")
        let one = try await get(["/api/v1/actions?plan=relanceplan-wvl", "/api/v1/actions?plan=masterplan-wvl"])
        #expect(two["totals"]["total"].number == one.compactMap { $0.body["totals"]["total"].number }.reduce(0, +))
    }

    @Test func observationsFilterByRegionAndPeriod() async throws {
        let all = try await json("/api/v1/indicators/werkzaamheidsgraad-20-64/observations")
        #expect(all["observations"].array.count >= 3)
        let zwv = try await json("/api/v1/indicators/werkzaamheidsgraad-20-64/observations?region=ZWV,01000&from=2016&to=2016")
        let rows = zwv["observations"].array.map { "\($0["region"]["code"].string ?? "") \($0["period"].string ?? "") \($0["value"].number ?? 0)" }
        #expect(rows == ["01000 2016 67.3", "ZWV 2016 75.4"])
        let none = try await json("/api/v1/indicators/werkzaamheidsgraad-20-64/observations?from=2017")
        #expect(none["observations"].array.isEmpty)
        // A range lies within from…to only as a whole.
        let ranges = try await json("/api/v1/indicators/actieve-ondernemingen-evolutie/observations?from=2006&to=2016")
        #expect(ranges["observations"].array.map { $0["period"].string } == ["2006/2016"])
        // The days a period covers, for clients that do not parse Koers's notation.
        #expect(ranges["observations"].array.map { "\($0["period_start"].string ?? "") \($0["period_end"].string ?? "")" }
            == ["2006-01-01 2016-12-31"])
        let cut = try await json("/api/v1/indicators/actieve-ondernemingen-evolutie/observations?from=2007")
        #expect(cut["observations"].array.isEmpty)
    }

    @Test func aRegionComparesItsLatestValuesWithTheRegionsAboveIt() async throws {
        let body = try await json("/api/v1/regions/ZWV")
        #expect(body["region"]["name"]["nl"].string == "Zuid-West-Vlaanderen" && body["region"]["level"].string == "custom")
        #expect(body["compared_with"].array.map { $0["code"].string } == ["30000", "02000", "01000"])
        #expect(body["members"].array.count == 13)
        let employment = try #require(body["indicators"].array.first { $0["indicator"]["code"].string == "werkzaamheidsgraad-20-64" })
        #expect(employment["latest"]["value"].number == 75.4 && employment["latest"]["period"].string == "2016")
        #expect(employment["comparisons"].array.map { $0["region"].string } == ["30000", "02000", "01000"])
        #expect(employment["comparisons"].array.map { $0["latest"]["value"].number } == [nil, 72.6, 67.3])
        let kortrijk = try await json("/api/v1/regions/34022")
        #expect(kortrijk["region"]["ancestors"] == .array(["34000", "30000", "02000", "01000"].map(JSON.string)))

        let list = try await json("/api/v1/regions")
        let belgium = try #require(list["regions"].array.first)
        #expect(belgium["code"].string == "01000" && belgium["name"]["en"].string == "Belgium" && belgium["parent"].isNull)
        let brugge = try #require(list["regions"].array.first { $0["code"].string == "31000" })
        #expect(brugge["name"]["en"].isNull && brugge["nuts"].string == "BE251" && brugge["parent"].string == "30000")
    }

    @Test func searchWantsEveryWordAnywhereAndAgreesWithTheSearchPage() async throws {
        // The code and the text of a target are different fields: both words must be found, in either.
        let body = try await json("/api/v1/search?q=2.1.2%20WERKZOEKENDEN")
        #expect(body["results"].array.map { $0["url"].string } == ["/plannen/streekvisie-zwv/ambities/2.1.2"])
        let none = try await json("/api/v1/search?q=werkzoekenden%20xyzzy")
        #expect(none["results"].array.isEmpty, "one word missing: no hit")
        let query = "kortrijk"
        let api = try await json("/api/v1/search?q=\(query)")["results"].array.compactMap { $0["url"].string }
        let page = try await PageTests().page("/zoeken?q=\(query)")
        let linked = page.matches(of: try Regex(#"<a href="([^"]+)">"#)).compactMap { $0.output[1].substring.map(String.init) }
            .filter { api.contains($0) }
        #expect(!api.isEmpty)
        #expect(linked == api, "the page lists the API's hits in the API's order")
    }

    @Test func searchFindsTargetsIndicatorsRegionsAndActionsIgnoringCaseAndAccents() async throws {
        let body = try await json("/api/v1/search?q=werkzoekenden")
        let target = try #require(body["results"].array.first { $0["kind"].string == "target" && $0["code"].string == "2.1.2" })
        #expect(target["plan"].string == "streekvisie-zwv" && target["url"].string == "/plannen/streekvisie-zwv/ambities/2.1.2")
        #expect(body["results"].array.contains { $0["kind"].string == "indicator" && $0["url"].string == "/indicatoren/niet-werkende-werkzoekenden" })
        let belgium = try await json("/api/v1/search?q=BELGIE")
        #expect(belgium["results"].array.contains { $0["kind"].string == "region" && $0["code"].string == "01000" && $0["url"].string == "/regio/01000" })
        let plan = try await json("/api/v1/search?q=relanceplan")
        #expect(plan["results"].array.contains { $0["kind"].string == "plan" && $0["url"].string == "/plannen/relanceplan-wvl" })
        let action = try await json("/api/v1/search?q=solvabiliteitstest")
        #expect(action["results"].array.map { $0["kind"].string } == ["action"] && action["results"][0]["url"].string == "/acties")
        let nothing = try await json("/api/v1/search?q=xyzzy")
        #expect(nothing["results"].array.isEmpty && nothing["query"].string == "xyzzy")
    }

    @Test func unknownThingsAre404AndBadParameters400WithTheErrorShape() async throws {
        let notFound = try await get(["/api/v1/plans/bestaat-niet", "/api/v1/plans/streekvisie-zwv/targets/9.9.9",
                                      "/api/v1/indicators/bestaat-niet", "/api/v1/indicators/bestaat-niet/observations",
                                      "/api/v1/regions/99999", "/api/v1/bestaat-niet"])
        for a in notFound {
            #expect(a.status == 404 && a.body["error"]["status"].number == 404, "\(a.path)")
            #expect(a.contentType == "application/json; charset=utf-8", "\(a.path)")
        }
        #expect(notFound[0].body["error"]["message"].string == "no plan 'bestaat-niet'")
        let bad: [(String, String)] = [
            ("/api/v1/indicators/werkzaamheidsgraad-20-64/observations?from=2015-13", "'from'"),
            ("/api/v1/indicators/werkzaamheidsgraad-20-64/observations?to=twintig", "'to'"),
            ("/api/v1/indicators/werkzaamheidsgraad-20-64/observations?from=2020&to=2015", "'to'"),
            ("/api/v1/indicators/werkzaamheidsgraad-20-64/observations?region=ZWV,nergens", "'region'"),
            ("/api/v1/indicators/werkzaamheidsgraad-20-64/observations?regoin=ZWV", "'regoin'"),
            ("/api/v1/plans?method=guess", "'method'"),
            ("/api/v1/actions?status=busy", "'status'"),
            ("/api/v1/actions?participation=5", "'participation'"),
            ("/api/v1/actions?plan=", "'plan'"),
            ("/api/v1/search", "'q'"),
            ("/api/v1/search?q=%20", "'q'"),
        ]
        for (a, (path, name)) in zip(try await get(bad.map(\.0)), bad) {
            #expect(a.status == 400 && a.body["error"]["status"].number == 400, "\(path)")
            #expect(a.body["error"]["message"].string?.contains(name) == true, "\(path): \(a.body)")
        }
    }

    // MARK: The OpenAPI document

    @Test func theDocumentDescribesEveryRouteAndNothingElse() async throws {
        let spec = try await spec()
        #expect(spec.json["openapi"].string == "3.1.0")
        let routes = APIController(store: store).routes
        #expect(Set(spec.paths) == Set(routes.map(\.path) + ["/api/openapi.json"]))
        // Each route takes exactly the query parameters the document lists for it.
        for route in routes {
            #expect(route.parameters == spec.queryParameters(template: route.path), "\(route.path)")
        }
        // Every schema the document defines is well-formed for the validator (no unsupported keyword, every $ref
        // resolves): validating `null` against it reports type errors only.
        for (name, schema) in spec.json["components"]["schemas"].object ?? [:] {
            let problems = spec.validator.errors(.null, schema).filter { !$0.contains("is not of type") && !$0.contains("matches none") }
            #expect(problems.isEmpty, "\(name): \(problems)")
        }
    }

    @Test func everyRouteAnswersAsDocumented() async throws {
        try await importTestValues()
        let spec = try await spec()
        let plans = try await store.plans()
        var paths = [
            "/api/openapi.json", "/api/v1/plans", "/api/v1/plans?method=projection", "/api/v1/plans?method=nope",
            "/api/v1/plans/streekvisie-zwv?method=eurostat", "/api/v1/plans/nope", "/api/v1/plans/x?method=nope",
            "/api/v1/plans/streekvisie-zwv/targets/0", "/api/v1/plans/streekvisie-zwv/targets/2.1.2?x=1",
            "/api/v1/indicators", "/api/v1/indicators?x=1", "/api/v1/indicators/nope", "/api/v1/indicators/nope?x=1",
            "/api/v1/indicators/niet-werkende-werkzoekenden/observations?region=ZWV&from=2015&to=2023",
            "/api/v1/indicators/nope/observations", "/api/v1/indicators/werkzaamheidsgraad-20-64/observations?from=x",
            "/api/v1/regions", "/api/v1/regions?x=1", "/api/v1/regions/01000", "/api/v1/regions/ZWV", "/api/v1/regions/34022",
            "/api/v1/regions/31000", "/api/v1/regions/nope", "/api/v1/regions/ZWV?x=1",
            "/api/v1/actions", "/api/v1/actions?plan=relanceplan-wvl&participation=1,none&funding=none&status=ongoing",
            "/api/v1/actions?funding=nope", "/api/v1/actions/relance-starters-solvabiliteit/updates", "/api/v1/actions/nope/updates",
            "/api/v1/actions/relance-starters-solvabiliteit/updates?x=1",
            "/api/v1/search?q=west", "/api/v1/search?q=a", "/api/v1/search?x=1",
        ]
        paths += plans.flatMap { plan in
            ["/api/v1/plans/\(plan.id)"] + plan.allTargets.map { "/api/v1/plans/\(plan.id)/targets/\($0.target.code)" }
        }
        paths += try await store.indicators().flatMap { ["/api/v1/indicators/\($0.code)", "/api/v1/indicators/\($0.code)/observations"] }
        var requested: Set<String> = []
        var parameters: [String: Set<String>] = [:]
        for answer in try await get(paths) {
            #expect(answer.contentType == "application/json; charset=utf-8", "\(answer.path)")
            let parts = answer.path.split(separator: "?", maxSplits: 1).map(String.init)
            let (path, query) = (parts[0], parts.count > 1 ? parts[1] : "")
            guard let template = spec.template(for: path) else {
                Issue.record("\(answer.path) is not a documented path")
                continue
            }
            requested.insert(template)
            parameters[template, default: []].formUnion(query.split(separator: "&").map { String($0.split(separator: "=")[0]) }.filter { $0 != "x" })
            guard let schema = spec.responseSchema(template: template, status: answer.status) else {
                Issue.record("\(answer.path) answered \(answer.status), which the document does not list")
                continue
            }
            let errors = spec.validator.errors(answer.body, schema)
            #expect(errors.isEmpty, "\(answer.path): \(errors.prefix(5))")
        }
        #expect(requested == Set(spec.paths), "never requested: \(Set(spec.paths).subtracting(requested))")
        // Each documented query parameter was used at least once, and no other was accepted.
        for template in spec.paths {
            #expect(parameters[template, default: []] == spec.queryParameters(template: template), "\(template)")
        }
    }

    @Test func theValidatorRejectsWhatTheDocumentForbids() async throws {
        let spec = try await spec()
        let schema = try #require(spec.responseSchema(template: "/api/v1/plans", status: 200))
        let good = try await json("/api/v1/plans")
        #expect(spec.validator.errors(good, schema).isEmpty)

        func plans(_ change: (inout [String: JSON]) -> Void) -> JSON {
            guard case .object(var body) = good, case .array(var list) = body["plans"]!, case .object(var first) = list[0] else { return .null }
            change(&first)
            list[0] = .object(first)
            body["plans"] = .array(list)
            return .object(body)
        }
        let cases: [(String, JSON, String)] = [
            ("a missing required field", plans { $0["headline"] = nil }, "$.plans[0]: missing required 'headline'"),
            ("a wrong type", plans { $0["counts"] = .object(["nodes": .number(1), "targets": .string("38"), "actions": .number(0)]) },
             "$.plans[0].counts.targets: \"38\" is not of type integer"),
            ("a fraction for an integer", plans { $0["counts"] = .object(["nodes": .number(1.5), "targets": .number(1), "actions": .number(0)]) },
             "$.plans[0].counts.nodes: 1.5 is not of type integer"),
            ("null where no null is allowed", plans { $0["title"] = .null }, "$.plans[0].title: null is not of type object"),
            ("an undocumented field", plans { $0["colour"] = .string("red") }, "$.plans[0]: unexpected property 'colour'"),
            ("a value outside the enum", .object(["method": .string("guess"), "plans": .array([])]), "$.method: \"guess\" is not one of the allowed values"),
            ("a negative count", plans { $0["counts"] = .object(["nodes": .number(-1), "targets": .number(1), "actions": .number(0)]) },
             "$.plans[0].counts.nodes: -1.0 is below the minimum 0.0"),
            ("a number for a text", plans { $0["title"] = .object(["nl": .number(1), "en": .null]) }, "$.plans[0].title.nl: 1.0 is not of type string"),
        ]
        for (what, document, expected) in cases {
            let errors = spec.validator.errors(document, schema)
            #expect(errors.contains { $0.hasPrefix(expected) }, "\(what): \(errors)")
        }
        // A schema keyword the validator does not know is an error, not a silent pass.
        #expect(spec.validator.errors(.string("x"), .object(["pattern": .string("^y$")])) == ["$: unsupported schema keyword 'pattern'"])
    }
}
