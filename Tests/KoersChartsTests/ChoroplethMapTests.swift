import Foundation
import KoersCore
import KoersImport
import KoersTestSupport
import Testing
@testable import KoersCharts

@Suite struct ChoroplethMapTests {
    static let municipalities = "reference/boundaries/west_flanders_municipalities_2025.geojson"
    static let nuts = "reference/boundaries/eurostat_gisco_NUTS_RG_20M_2024_4326_BE.geojson"
    static let caption = ChartCaption(idPrefix: "kaart", title: "Werkzoekenden per gemeente", description: "Brugge telt de meeste werkzoekenden")

    /// A FeatureCollection read by the one GeoJSON reader (the import's) into the areas a map draws.
    static func boundaries(_ data: Data, codeProperty: String? = nil, nameProperty: String = "name") throws -> Boundaries {
        let features = try GeoJSONBoundaries.features([UInt8](data), name: "test.geojson", codeProperty: codeProperty, nameProperty: nameProperty)
        return Boundaries(features: features.map { BoundaryFeature(id: $0.code, name: $0.name ?? $0.code, outline: $0.outline) })
    }

    /// The file's features straight from JSON, to compare with what Boundaries read.
    static func rawFeatures(_ relative: String) throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: SharedFolder.url(relative))) as? [String: Any]
        return try #require(json?["features"] as? [[String: Any]])
    }

    @Test(.enabled(if: SharedFolder.shouldRun)) func westFlandersMunicipalitiesAllGetAPathAndAClass() throws {
        let boundaries = try Self.boundaries(Data(contentsOf: SharedFolder.url(Self.municipalities)))
        let raw = try Self.rawFeatures(Self.municipalities)
        let nis = raw.compactMap { ($0["properties"] as? [String: Any])?["nis"] as? String }
        #expect(boundaries.features.count == raw.count)
        #expect(boundaries.features.map(\.id) == nis)
        #expect(boundaries.feature(id: "31005")?.name == "Brugge")

        // Values for all but three municipalities; the smallest and largest are known.
        let missing: Set = ["33016", "34043", "38025"]
        var values: [String: Double] = [:]
        for (index, id) in nis.enumerated() where !missing.contains(id) { values[id] = Double((index * 37) % 61) * 125.5 }
        values["31005"] = 99_999
        values["33011"] = -12
        values["99999"] = 1e9  // not on the map: ignored
        let map = ChoroplethMap(boundaries: boundaries, values: values, hrefs: ["31005": "/gemeente/31005"], highlighted: "31005")
        let classes = map.classes
        #expect(classes.count == 5)
        #expect(classes.classIndex(of: -12) == 0)
        #expect(classes.classIndex(of: 99_999) == 4)
        #expect(classes.bounds.first?.lowerBound == -12 && classes.bounds.last?.upperBound == 99_999)

        let svg = map.svg(caption: Self.caption, format: dutch, noDataLabel: "geen gegevens")
        let doc = try SVGDocument(svg)
        let areas = doc.all("path", class: "area")
        #expect(areas.map { $0.attributes["data-id"] ?? "" } == nis)
        #expect(areas.allSatisfy { !($0.attributes["d"] ?? "").isEmpty })
        let hatch = "url(#kaart-hatch)"
        #expect(Set(areas.filter { $0.attributes["fill"] == hatch }.compactMap { $0.attributes["data-id"] }) == missing)
        #expect(doc.all("pattern").first?.attributes["id"] == "kaart-hatch")
        let blues = Palette.blues(5)
        #expect(areas.first { $0.attributes["data-id"] == "33011" }?.attributes["fill"] == blues[0])
        #expect(areas.first { $0.attributes["data-id"] == "31005" }?.attributes["fill"] == blues[4])
        #expect(doc.all("path", class: "highlight").count == 1)
        #expect(doc.all("a").map { $0.attributes["href"] } == ["/gemeente/31005"])
        #expect(doc.elements.contains { $0.name == "title" && $0.text == "Brugge: 99.999" })
        #expect(doc.elements.contains { $0.name == "title" && $0.text == "Mesen: geen gegevens" })
        let legend = doc.texts(inside: "legend").first ?? []
        #expect(legend.count == 6 && legend.last == "geen gegevens" && legend.first?.hasPrefix("-12 – ") == true)
        #expect(doc.root?.attributes["aria-labelledby"] == "kaart-title kaart-desc")

        // Every coordinate has at most one decimal and the whole map stays small enough to inline in a page.
        let tokens = areas.flatMap { ($0.attributes["d"] ?? "").split(whereSeparator: { $0.isLetter || $0 == " " || $0 == "-" }) }
        #expect(tokens.allSatisfy { Double($0) != nil && ($0.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 1) == 1 })
        print("West Flanders municipalities map: \(svg.utf8.count) bytes")
        #expect(svg.utf8.count < 150_000)
        #expect(!hasNonFinite(svg))
    }

    @Test(.enabled(if: SharedFolder.shouldRun)) func readsNUTSMultiPolygons() throws {
        let boundaries = try Self.boundaries(Data(contentsOf: SharedFolder.url(Self.nuts)), codeProperty: "NUTS_ID", nameProperty: "NAME_LATN")
        let raw = try Self.rawFeatures(Self.nuts)
        #expect(boundaries.features.count == raw.count)
        let multi = raw.filter { ($0["geometry"] as? [String: Any])?["type"] as? String == "MultiPolygon" }
            .compactMap { ($0["properties"] as? [String: Any])?["NUTS_ID"] as? String }
        #expect(!multi.isEmpty)
        for id in multi { #expect((boundaries.feature(id: id)?.polygons.count ?? 0) > 1, "\(id)") }
        #expect(boundaries.feature(id: "BE")?.name == "Belgique/België")

        // Drawing the provinces: one closed subpath per polygon ring that survives rounding.
        let provinces = Boundaries(features: boundaries.features.filter { $0.id.count == 4 })
        let svg = ChoroplethMap(boundaries: provinces, values: [:]).svg(caption: Self.caption, format: dutch, noDataLabel: "no data")
        let doc = try SVGDocument(svg)
        #expect(doc.all("path", class: "area").count == 11)
        let multiProvince = try #require(doc.all("path", class: "area").first { multi.contains($0.attributes["data-id"] ?? "") })
        #expect((multiProvince.attributes["d"] ?? "").filter { $0 == "M" }.count > 1)
        print("NUTS provinces map: \(svg.utf8.count) bytes")
    }

    @Test func emptyCollectionDrawsAnEmptyMap() throws {
        let boundaries = try Self.boundaries(Data(#"{"type":"FeatureCollection","features":[]}"#.utf8))
        let svg = ChoroplethMap(boundaries: boundaries, values: ["1": 3]).svg(caption: Self.caption, format: dutch, noDataLabel: "geen gegevens")
        let doc = try SVGDocument(svg)
        #expect(doc.all("path", class: "area").isEmpty)
        #expect(!hasNonFinite(svg))
    }

    @Test func fewDistinctValuesGiveFewerClasses() {
        #expect(QuantileClasses(values: [4, 4, 4]).count == 1)
        let ties = QuantileClasses(values: [1, 2, 2, 2, 2, 2, 3])
        #expect(ties.count == 3 && ties.classIndex(of: 3) == 2 && ties.classIndex(of: 1) == 0)
        let classes = QuantileClasses(values: (1...10).map(Double.init))
        #expect(classes.thresholds == [3, 5, 7, 9])
        #expect(classes.bounds == [1...2, 3...4, 5...6, 7...8, 9...10])
        #expect(QuantileClasses(values: [.nan, .infinity]).count == 0)
    }
}
