import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdTesting
import KoersCore
import KoersSQLite
import KoersStore
import KoersTestSupport
import KoersWeb
import Testing

@testable import KoersCommands

/// The largest and smallest doubles, imported by `koers import` into a SQLite file and shown on every page, download and
/// API answer: no trap, no "inf" or "nan", each number as docs/decisions/0009-numbers-beyond-fixed-notation.md decides
/// (accepted; scientific notation from 10¹⁵ on).
@Suite struct ExtremeValuesTests {
    static let indicator = "actieve-ondernemingen"  // count, 0 decimals, target 1.2.1 of the Streekvisie ZWV on ZWV
    static let extremes: [(region: String, period: String, value: Double)] = [
        ("ZWV", "2017", 1.005), ("ZWV", "2018", 0.5), ("ZWV", "2019", 1.5), ("ZWV", "2020", 2.5),
        ("ZWV", "2021", 9.2e18), ("ZWV", "2022", 1e300), ("ZWV", "2023", .greatestFiniteMagnitude),
        ("34022", "2023", .greatestFiniteMagnitude), ("34002", "2023", -.greatestFiniteMagnitude),
        ("34013", "2023", .leastNonzeroMagnitude), ("34027", "2023", 9.2e18), ("34041", "2023", 1e300),
        ("31005", "2023", 1.005), ("34022", "2022", -.leastNonzeroMagnitude), ("34022", "2021", 2.5),
    ]
    static let municipalities = ["34022", "34002", "34013", "34027", "34041", "31005"]

    /// Every digit of `value`, as a statistical office's CSV writes it (no exponent, '.' for decimals).
    static func written(_ value: Double) -> String {
        if value == value.rounded() { return String(format: "%.0f", value) }
        if abs(value) < 1e-300 { return (value < 0 ? "-" : "") + "0." + String(repeating: "0", count: 323) + "5" }
        return "\(value)"
    }

    /// Runs a `koers` command in this process, as the executable would.
    static func koers(_ arguments: [String]) async throws {
        var command = try Koers.parseAsRoot(arguments)
        if var asynchronous = command as? any AsyncParsableCommand { try await asynchronous.run() } else { try command.run() }
    }

    /// Squares side by side, one per municipality: enough for a map.
    static func outlines() -> String {
        let features = municipalities.enumerated().map { index, code in
            let west = 3.0 + Double(index) * 0.1
            return #"{"type":"Feature","properties":{"nis":"\#(code)"},"geometry":{"type":"Polygon","coordinates":[[[\#(west),50.8],[\#(west + 0.1),50.8],[\#(west + 0.1),50.9],[\#(west),50.9],[\#(west),50.8]]]}}"#
        }
        return #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#
    }

    @Test func importedExtremesShowOnEveryPageDownloadAndAPIAnswer() async throws {
        let folder = try TemporaryFolder()
        let db = folder.path("koers.sqlite")
        let csv = "indicator,region,period,value\n"
            + Self.extremes.map { "\(Self.indicator),\($0.region),\($0.period),\(Self.written($0.value))" }.joined(separator: "\n") + "\n"
        let data = try folder.write("extremes.csv", csv)
        let outlines = try folder.write("outlines.geojson", Self.outlines())
        try await Self.koers(["import-boundaries", outlines.path, "--db", db])
        try await Self.koers(["import", data.path, "--decimal-separator", ".", "--db", db])

        // Accepted and stored exactly.
        let store = try SQLiteStore(path: db)
        let stored = try await store.observations(indicator: Self.indicator, regions: nil).filter { $0.derivation == nil }
        for extreme in Self.extremes {
            let found = stored.first { $0.region == extreme.region && $0.period.description == extreme.period }
            #expect(found?.value.bitPattern == extreme.value.bitPattern, "\(extreme)")
        }

        let indicatorPath = "/indicatoren/\(Self.indicator)?" + (["ZWV"] + Self.municipalities).map { "regio=\($0)" }.joined(separator: "&")
        let target = "/plannen/streekvisie-zwv/ambities/1.2.1"
        let pages = ["/", "/plannen/streekvisie-zwv", target, indicatorPath, "/regio/ZWV", "/regio/34022", "/regio/34013",
                     "/acties", "/zoeken?q=ondernemingen", "/indicatoren"]
        let downloads = ["data.csv", "data.json", "grafiek.svg", "kaart.svg", "rangschikking.svg", "panelen.svg"].map {
            indicatorPath.replacingOccurrences(of: "?", with: "/\($0)?")
        } + ["\(target)/grafiek.svg", "\(target)/data.csv", "\(target)/data.json"]
        let api = ["/api/v1/plans", "/api/v1/plans/streekvisie-zwv", "/api/v1/plans/streekvisie-zwv/targets/1.2.1",
                   "/api/v1/indicators/\(Self.indicator)", "/api/v1/indicators/\(Self.indicator)/observations",
                   "/api/v1/regions/ZWV", "/api/v1/regions/34022", "/api/v1/search?q=ondernemingen"]
        let english = ["/en", "/en/plannen/streekvisie-zwv", "/en" + target, "/en" + indicatorPath, "/en/regio/34022"]

        nonisolated(unsafe) var bodies: [String: String] = [:]
        let app = try await buildApplication(store: store)
        try await app.test(.router) { client in
            for path in pages + downloads + api + english {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    bodies[path] = String(buffer: response.body)
                }
            }
        }
        let notANumber = try Regex(#"\b(nan|NaN|inf|Infinity)\b"#)
        for (path, body) in bodies {
            #expect(!body.isEmpty, "\(path)")
            #expect(!body.contains(notANumber), "\(path) shows a number that is not one")
        }
        func expect(_ path: String, shows texts: String...) {
            for text in texts { #expect(bodies[path]?.contains(text) == true, "\(path) lacks \(text)") }
        }
        let largest = "1,7976931348623157\u{00A0}×\u{00A0}10³⁰⁸", largestEN = "1.7976931348623157\u{00A0}×\u{00A0}10³⁰⁸"
        // Pages: the indicator's table, ranking and map in scientific notation, the document's 1,005 as written.
        expect(indicatorPath, shows: largest, "−" + largest, "9,2\u{00A0}×\u{00A0}10¹⁸", "1\u{00A0}×\u{00A0}10³⁰⁰", "1,005", "<svg")
        expect("/en" + indicatorPath, shows: largestEN, "−" + largestEN, "9.2\u{00A0}×\u{00A0}10¹⁸")
        expect(target, shows: largest)
        expect("/regio/34022", shows: largest)
        // Charts: tick labels and tooltips in scientific notation; the smallest value plainly is not 0.
        let chartPath = { (file: String) in indicatorPath.replacingOccurrences(of: "?", with: "/\(file)?") }
        expect(chartPath("rangschikking.svg"), shows: largest, "−" + largest, "5\u{00A0}×\u{00A0}10⁻³²⁴")
        expect(chartPath("kaart.svg"), shows: "Kortrijk: " + largest, "Harelbeke: 5\u{00A0}×\u{00A0}10⁻³²⁴", "<path class=\"area\"")
        expect(chartPath("grafiek.svg"), shows: "10³⁰⁸")
        expect("\(target)/grafiek.svg", shows: "10³⁰⁸")
        // Downloads and the API keep every digit, as numbers a program reads back exactly.
        expect(chartPath("data.csv"), shows: "1.7976931348623157e+308", "-1.7976931348623157e+308", "5e-324", "9.2e+18")
        expect(chartPath("data.json"), shows: "1.7976931348623157e+308", "5e-324")
        let observations = try #require(bodies["/api/v1/indicators/\(Self.indicator)/observations"])
        #expect(observations.contains("1.7976931348623157e+308") && observations.contains("-1.7976931348623157e+308"))
        #expect(observations.contains("5e-324") && observations.contains("1.005"))
    }
}
