import Foundation
import Hummingbird
import HummingbirdTesting
import KoersAccounts
import KoersBundledCatalogue
import KoersCore
import KoersImport
import KoersLoading
import KoersSQLite
import KoersStore
import KoersTestSupport
import Testing

@testable import KoersWeb

/// Uploads, previews and drafts in the browser, against a real server on a real SQLite file, with the real Statbel
/// file analysts load (../shared) sent as a browser sends it.
@Suite(.enabled(if: SharedFolder.shouldRun, "needs ../shared"))
struct DataPagesTests {
    typealias Site = SignInTests.Site
    typealias Browser = AccountPagesTests.Browser

    static let establishments = SharedFolder.url("reference/indicators/statbel_establishment_units_Q4_2018-2023_by_municipality_2025geo.csv")
    static let fileName = "statbel_establishment_units_Q4_2018-2023_by_municipality_2025geo.csv"
    static let mapping = """
        columns: {region: nis_2025, period: "{year}-{quarter}", value: establishment_units}
        ignore: [municipality, arrondissement, province, region]
        constants: {indicator: vestigingseenheden}
        skip_unlocated: true
        source: "Statbel, vestigingseenheden Q4 2018–2023, geografie 2025"
        """
    static let second = "tweede-steward@pomwvl.be"

    static func site() async throws -> Site {
        let site = try await Site(roles: [.steward, .admin, .reader, .actionOwner])
        try await BundledCatalogue.loadIfEmpty(site.store)
        try await site.store.saveIndicators([Indicator(code: "vestigingseenheden", name: LocalizedText(nl: "Aantal vestigingseenheden"),
                                                       unit: .count, direction: .up, aggregation: .sum)])
        try await site.store.apply(.add(email: second, role: .steward, organisations: [], passwordHash: PasswordHash.make(SignInTests.password, cost: 4)),
                                   context: AuditContext(actor: .commandLine(osUser: "test")))
        return site
    }

    /// A part of a multipart body: a field, or a file with its name.
    struct Part {
        var name: String
        var fileName: String?
        var bytes: Data
    }

    static let boundary = "----KoersTest7MA4YWxkTrZu0gW"

    static func multipart(_ parts: [Part]) -> ByteBuffer {
        var body = Data()
        for p in parts {
            body.append(Data("--\(boundary)\r\n".utf8))
            let file = p.fileName.map { "; filename=\"\($0)\"" } ?? ""
            body.append(Data("Content-Disposition: form-data; name=\"\(p.name)\"\(file)\r\n".utf8))
            if p.fileName != nil { body.append(Data("Content-Type: application/octet-stream\r\n".utf8)) }
            body.append(Data("\r\n".utf8))
            body.append(p.bytes)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return ByteBuffer(data: body)
    }

    static func upload(_ client: any TestClientProtocol, _ browser: Browser, files: [(String, Data)], mapping: String? = nil,
                       csrf: String? = nil, language: String = "") async throws -> TestResponse {
        var parts = [Part(name: "csrf", bytes: Data((csrf ?? browser.csrf).utf8))]
        parts += files.map { Part(name: "bestanden", fileName: $0.0, bytes: $0.1) }
        if let mapping { parts.append(Part(name: "mapping", fileName: "vestigingen.yaml", bytes: Data(mapping.utf8))) }
        let path = language == "en" ? "/en/admin/data/preview" : "/beheer/gegevens/voorbeeld"
        return try await client.execute(uri: path, method: .post,
                                        headers: [.cookie: "koers_session=\(browser.session)", .contentType: "multipart/form-data; boundary=\(boundary)"],
                                        body: multipart(parts))
    }

    /// The upload token in a preview page.
    static func token(_ html: String) throws -> String {
        let marker = "name=\"upload\" value=\""
        let start = try #require(html.range(of: marker)).upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    static func values(_ store: SQLiteStore) async throws -> [Observation] {
        // The values imported, not those Koers derives from them (the arrondissements' and provinces' sums).
        try await store.observations(indicator: "vestigingseenheden", regions: nil).filter { $0.derivation == nil }
    }

    @Test func aStewardUploadsPreviewsConfirmsAndAnotherPublishesEveryValueExactly() async throws {
        let site = try await Self.site()
        let bytes = try Data(contentsOf: Self.establishments)
        try await site.run(drafts: DraftSettings(fourEyes: true)) { client in
            let steward = try await AccountPagesTests.signedIn(client, site, "data-steward@pomwvl.be")
            let page = try await client.execute(uri: "/beheer/gegevens", method: .get, headers: steward.headers)
            #expect(page.status == .ok && String(buffer: page.body).contains("enctype=\"multipart/form-data\""))

            let preview = try await Self.upload(client, steward, files: [(Self.fileName, bytes)], mapping: Self.mapping)
            let html = String(buffer: preview.body)
            #expect(preview.status == .ok, "\(html.prefix(2000))")
            // The import's own counts: 3,962 rows, 3,390 values (565 repeated rows counted once, 7 unlocated skipped).
            #expect(html.contains("<dd id=\"total-new\">3390</dd>") && html.contains("<dd id=\"total-revised\">0</dd>"))
            #expect(html.contains("<td>3962</td>") && html.contains("rows skipped") == false)
            #expect(html.contains("_2025geo.csv:3957:32: no region: row skipped (skip_unlocated)"))
            #expect(html.contains("Tielt") && html.contains("(37022)"))
            // Nothing is written before the confirmation.
            #expect(try await Self.values(site.store).isEmpty)
            #expect(try await site.store.drafts().isEmpty)

            let confirmed = try await AccountPagesTests.post(client, steward, "/beheer/gegevens/bevestigen", ["upload": try Self.token(html)])
            #expect(confirmed.status == .seeOther && confirmed.headers[.location] == "/beheer/concepten/1")
            // The token is spent: confirming twice stages nothing more.
            let again = try await AccountPagesTests.post(client, steward, "/beheer/gegevens/bevestigen", ["upload": try Self.token(html)])
            #expect(again.status == .gone)
            #expect(try await site.store.drafts().count == 1)

            // The public, the API and downloads see approved data only; signed-in readers see the draft marked.
            #expect(try await Self.values(site.store).isEmpty)
            let publicPage = String(buffer: try await client.execute(uri: "/indicatoren/vestigingseenheden", method: .get).body)
            #expect(!publicPage.contains("concept-values") && !publicPage.contains("4.907"))
            let api = String(buffer: try await client.execute(uri: "/api/v1/indicators/vestigingseenheden/observations?region=37022", method: .get).body)
            #expect(!api.contains("4907"))
            let reader = try await AccountPagesTests.signedIn(client, site, "reader@pomwvl.be")
            let readerPage = try await client.execute(uri: "/indicatoren/vestigingseenheden", method: .get, headers: reader.headers)
            let readerHTML = String(buffer: readerPage.body)
            #expect(readerHTML.contains("id=\"concept-values\"") && readerHTML.contains("<span class=\"badge waiting\">concept</span>"))
            #expect(readerHTML.contains("href=\"/beheer/concepten/1\""))
            #expect(readerPage.headers[.cacheControl] == "no-store")
            // An action owner does not see drafts.
            let owner = try await AccountPagesTests.signedIn(client, site, "action-owner@pomwvl.be")
            let ownerHTML = String(buffer: try await client.execute(uri: "/indicatoren/vestigingseenheden", method: .get, headers: owner.headers).body)
            #expect(!ownerHTML.contains("concept-values"))

            // Four eyes: the uploader may not approve; the page says why and the post is refused.
            let own = String(buffer: try await client.execute(uri: "/beheer/concepten/1", method: .get, headers: steward.headers).body)
            #expect(own.contains("id=\"four-eyes\"") && !own.contains("id=\"approve-draft\"") && own.contains("id=\"reject-draft\""))
            let refused = try await AccountPagesTests.post(client, steward, "/beheer/concepten/goedkeuren", ["id": "1"])
            #expect(refused.status == .forbidden)
            #expect(try await Self.values(site.store).isEmpty)

            let other = try await AccountPagesTests.signedIn(client, site, Self.second)
            let draftPage = String(buffer: try await client.execute(uri: "/beheer/concepten/1", method: .get, headers: other.headers).body)
            #expect(draftPage.contains("id=\"approve-draft\""))
            let approved = try await AccountPagesTests.post(client, other, "/beheer/concepten/goedkeuren", ["id": "1", "note": "gecontroleerd <ok>"])
            #expect(approved.status == .seeOther)
            let twice = try await AccountPagesTests.post(client, other, "/beheer/concepten/goedkeuren", ["id": "1"])
            #expect(twice.status == .conflict)

            // Every value of the file, exactly: Tielt's six years as Statbel wrote them.
            let published = try await Self.values(site.store)
            #expect(published.count == 3390)
            #expect(published.filter { $0.region == "37022" }.map(\.value) == [4309, 4471, 4603, 4782, 4893, 4907])
            let after = String(buffer: try await client.execute(uri: "/indicatoren/vestigingseenheden", method: .get).body)
            #expect(!after.contains("concept-values"))
            let decided = String(buffer: try await client.execute(uri: "/beheer/concepten/1", method: .get, headers: other.headers).body)
            #expect(decided.contains("goedgekeurd") && decided.contains("gecontroleerd &lt;ok&gt;") && !decided.contains("<ok>"))

            let audit = try await site.store.auditEntries(AuditFilter(object: "draft:1"))
            #expect(audit.map(\.kind) == ["data.draft.approve", "data.draft"])
            #expect(audit.first?.actor == "user:\(Self.second)" && audit.last?.actor == "user:data-steward@pomwvl.be")
            #expect(try await site.store.batches().count == 1)
        }
    }

    @Test func aFileWithProblemsGetsTheCommandLinesListAndNothingIsKept() async throws {
        let site = try await Self.site()
        let text = "indicator,region,period,value\nvestigingseenheden,37022,2023,12x\nvestigingseenheden,99999,2023,5\nonbekend,37022,2023,5\n"
        // What `koers import` lists for the same file, from the same pipeline.
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("fouten.csv")
        try Data(text.utf8).write(to: url)
        let writer = ImportWriter(store: site.store, geography: try await site.store.geography(), indicators: try await site.store.indicators(),
                                  source: nil, decimal: nil, dryRun: true)
        var found: [String] = []
        do {
            _ = try await writer.write([FileImport(url: url, name: "fouten.csv")], adding: CatalogueAdditions())
        } catch let problems as ImportProblems {
            found = problems.diagnostics.map(\.descriptionWithColumn)
        }
        let expected = found
        #expect(expected.count == 3, "\(expected)")
        try await site.run { client in
            let steward = try await AccountPagesTests.signedIn(client, site, "data-steward@pomwvl.be")
            let refused = try await Self.upload(client, steward, files: [("fouten.csv", Data(text.utf8))])
            let html = String(buffer: refused.body)
            #expect(refused.status == .unprocessableContent)
            let listed = html.components(separatedBy: "<li><code>").dropFirst().map { String($0.prefix { $0 != "<" }) }
            #expect(listed == expected.map(Self.escaped))
            #expect(try await site.store.drafts().isEmpty)
            #expect(try await Self.values(site.store).isEmpty)
            // Nothing waits on the shelf either.
            let shelf = (try? FileManager.default.contentsOfDirectory(atPath: site.folder.path("uploads"))) ?? []
            #expect(shelf.isEmpty, "\(shelf)")
        }
    }

    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    @Test func aRejectedDraftLeavesThePublishedValuesAsTheyWere() async throws {
        let site = try await Self.site()
        let bytes = try Data(contentsOf: Self.establishments)
        try await site.run { client in
            let steward = try await AccountPagesTests.signedIn(client, site, "data-steward@pomwvl.be")
            let first = String(buffer: try await Self.upload(client, steward, files: [(Self.fileName, bytes)], mapping: Self.mapping).body)
            _ = try await AccountPagesTests.post(client, steward, "/beheer/gegevens/bevestigen", ["upload": try Self.token(first)])
            _ = try await AccountPagesTests.post(client, steward, "/beheer/concepten/goedkeuren", ["id": "1"])
            let before = try await Self.values(site.store)
            #expect(before.count == 3390)

            // The same file with Tielt's 2023 value changed: the preview shows the one revision, old → new.
            var text = try #require(String(data: bytes, encoding: .utf8))
            let line = try #require(text.split(separator: "\n").first { $0.contains("37022") && $0.contains("2023") && $0.contains("4907") })
            text = text.replacingOccurrences(of: line, with: line.replacingOccurrences(of: "4907", with: "4999"))
            let preview = String(buffer: try await Self.upload(client, steward, files: [(Self.fileName, Data(text.utf8))], mapping: Self.mapping).body)
            #expect(preview.contains("<dd id=\"total-new\">0</dd>") && preview.contains("<dd id=\"total-revised\">1</dd>"))
            #expect(preview.contains("<td>4.907</td><td>4.999</td>"), "the revision, old → new")
            _ = try await AccountPagesTests.post(client, steward, "/beheer/gegevens/bevestigen", ["upload": try Self.token(preview)])
            let rejected = try await AccountPagesTests.post(client, steward, "/beheer/concepten/afwijzen", ["id": "2", "note": "verkeerd kwartaal"])
            #expect(rejected.status == .seeOther)
            #expect(try await Self.values(site.store) == before)
            #expect(try await site.store.draft(id: 2)?.decision?.verdict == .rejected)
            #expect(try await site.store.draftValues(draft: 2, indicator: nil).isEmpty)
        }
    }

    @Test func uploadsAreBoundedAndCheckedBeforeAnythingIsKept() async throws {
        let site = try await Self.site()
        try await site.run(drafts: DraftSettings(uploadBytes: 4096)) { client in
            let steward = try await AccountPagesTests.signedIn(client, site, "data-steward@pomwvl.be")
            let large = try await Self.upload(client, steward, files: [("groot.csv", Data(repeating: UInt8(ascii: "1"), count: 8192))])
            #expect(large.status == .contentTooLarge)
            #expect(String(buffer: large.body).contains("serve.upload_mb"), "\(String(buffer: large.body))")

            let wrongType = try await Self.upload(client, steward, files: [("werkblad.xls", Data("x".utf8))])
            #expect(wrongType.status == .unprocessableContent)
            #expect(String(buffer: wrongType.body).contains("werkblad.xls: Koers reads .csv, .xlsx, .json and .tsv files"))

            // A boundary that is not one, or none: refused before any parser sees the body.
            for type in ["multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\(String(repeating: "a", count: 71))"] {
                let r = try await client.execute(uri: "/beheer/gegevens/voorbeeld", method: .post,
                                                 headers: [.cookie: "koers_session=\(steward.session)", .contentType: type], body: ByteBuffer(string: "--x--"))
                #expect(r.status == .unsupportedMediaType, "\(type)")
            }
            // Without the session's CSRF token, the upload is refused.
            let forged = try await Self.upload(client, steward, files: [("a.csv", Data("indicator,region,period,value\n".utf8))], csrf: "not-the-token")
            #expect(forged.status == .forbidden)
            // A path in the file name is never a path here; the shelf holds nothing once refused or previewed.
            let traversal = try await Self.upload(client, steward, files: [("../../etc/passwd.csv", Data("indicator,region,period,value\n".utf8))])
            #expect(traversal.status != .internalServerError)
            #expect(!FileManager.default.fileExists(atPath: site.folder.path("etc/passwd.csv")))
            #expect(try await site.store.drafts().isEmpty)
        }
    }

    @Test func multipartHeadersAreReadAsTheRFCsWriteThem() {
        #expect(UploadForm.boundary("multipart/form-data; boundary=\"a b\"") == "a b")
        #expect(UploadForm.boundary("Multipart/Form-Data;boundary=xyz") == "xyz")
        #expect(UploadForm.boundary("text/plain; boundary=xyz") == nil)
        #expect(UploadForm.boundary("multipart/form-data; boundary=a\u{0}b") == nil)
        let p = UploadForm.parameters(#"form-data; name="bestanden"; filename="a;b=\"c\".csv""#)
        #expect(p["name"] == "bestanden" && p["filename"] == #"a;b="c".csv"#)
        #expect(UploadForm.fileName(#"C:\Users\an\Documents\data.csv"#) == "data.csv")
        #expect(UploadForm.fileName("../..") == "upload")
        #expect(UploadForm.fileName("a\u{7}b.csv") == "ab.csv")
    }
}
