import Foundation
import Hummingbird
import HummingbirdTesting
import KoersCore
import SnapshotTesting
import Testing

@testable import KoersWeb

/// One page of each type as a reader receives it, compared line by line with a reviewed reference in
/// `__Snapshots__/PageSnapshotTests/` (swift-snapshot-testing). A change shows as a diff, and a `diff -u` command to
/// compare the whole files; if it is intended, record the references again with
/// `KOERS_RECORD_SNAPSHOTS=1 swift test --filter PageSnapshotTests`, read the new files and commit them. Without that
/// variable a missing reference fails and nothing is written.
@Suite(.snapshots(record: ProcessInfo.processInfo.environment["KOERS_RECORD_SNAPSHOTS"] == "1" ? .all : .never, diffTool: "diff -u"))
struct PageSnapshotTests {
    /// Reference files named `….html`, compared and shown as lines.
    static var html: Snapshotting<String, String> {
        var strategy = Snapshotting<String, String>.lines
        strategy.pathExtension = "html"
        return strategy
    }

    /// Name, address and expected status: every page type in Dutch, the target page in English too.
    static let pages: [(name: String, path: String, status: HTTPResponse.Status)] = [
        ("home", "/", .ok),
        ("plan", "/plannen/streekvisie-zwv", .ok),
        ("target", "/plannen/streekvisie-zwv/ambities/2.1.1", .ok),
        ("target-en", "/en/plannen/streekvisie-zwv/ambities/2.1.1", .ok),
        ("indicator", "/indicatoren/werkzaamheidsgraad-20-64", .ok),
        ("region", "/regio/34022", .ok),
        ("actions", "/acties", .ok),
        ("search", "/zoeken?q=werkzoekenden", .ok),
        ("methodology", "/methodologie", .ok),
        ("about", "/over", .ok),
        ("not-found", "/bestaat-niet", .notFound),
    ]

    @Test func everyPageTypeMatchesItsReviewedReference() async throws {
        // The bundled plans and a few test values with a fixed import date: nothing on these pages depends on when or
        // where the test runs.
        let dashboard = try await DashboardPageTests()
        try await dashboard.addValues()
        // A fixed day: whether a figure is overdue must not change the reference from one day to the next.
        let app = try await buildApplication(store: dashboard.pages.store, followUp: FollowUpSettings(today: { Day(year: 2026, month: 12, day: 7) }))
        try await app.test(.router) { client in
            var stylesheet: Substring?
            for (name, path, status) in Self.pages {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == status, "\(path)")
                var html = String(buffer: response.body)
                // Every page carries the same stylesheet: the home page's reference keeps it, the others show where it
                // stands, so that a change of style is reviewed once, not in every reference.
                let style = try #require(html.firstRange(of: /<style>[^<]*<\/style>/), "\(path) has no stylesheet")
                if let stylesheet {
                    #expect(html[style] == stylesheet, "\(path) has another stylesheet than the home page")
                    html.replaceSubrange(style, with: "<style>/* as in the home page's reference */</style>")
                } else {
                    stylesheet = html[style]
                }
                assertSnapshot(of: html, as: Self.html, named: name)
            }
        }
    }
}
