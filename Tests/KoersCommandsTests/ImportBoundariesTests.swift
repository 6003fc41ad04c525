import Foundation
import KoersSQLite
import KoersStore
import KoersTestSupport
import Testing

/// `koers import-boundaries` with the Statbel-derived outlines from ../shared, and a broken file that must change nothing.
@Suite(.enabled(if: SharedFolder.shouldRun, "needs ../shared"))
struct ImportBoundariesTests {
    let cli = CommandLineTests()
    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder() }

    func stored() async throws -> [String] {
        try await SQLiteStore(path: folder.path("koers.sqlite")).boundaries(regions: nil).map(\.region)
    }

    @Test func everyMunicipalityOfWestFlandersGetsItsOutline() async throws {
        let file = SharedFolder.url("reference/boundaries/west_flanders_municipalities_2025.geojson").path
        let run = try cli.koers(["import-boundaries", file], in: folder)
        #expect(run.status == 0, "\(run.errors)")
        // The file has 62 features: West Flanders' municipalities on 2025 boundaries.
        #expect(run.output.contains("62 outlines imported from 1 file(s)"))
        let regions = try await stored()
        #expect(regions.count == 62)
        #expect(regions.contains("37022"))  // Tielt, formed on 1 January 2025
        let tielt = try await SQLiteStore(path: folder.path("koers.sqlite")).boundaries(regions: ["37022"])
        #expect(tielt.first?.geometry.hasPrefix("{\"type\":\"Polygon\",\"coordinates\":[[[") == true)
        #expect(tielt.first?.source == "west_flanders_municipalities_2025.geojson")

        // NUTS outlines of Eurostat GISCO are MultiPolygons keyed by NUTS_ID; Koers knows regions by NIS code, so
        // they are refused with the codes named rather than stored under codes no page uses.
        let nuts = SharedFolder.url("reference/boundaries/eurostat_gisco_NUTS_RG_20M_2024_4326_BE.geojson").path
        let refused = try cli.koers(["import-boundaries", nuts], in: folder)
        #expect(refused.status != 0)
        #expect(refused.errors.contains("region BE100 is not in Koers's geography"))
    }

    @Test func aBrokenFileIsRefusedWithLineAndColumnAndNothingIsStored() async throws {
        let good = SharedFolder.url("reference/boundaries/west_flanders_province.geojson").path
        try folder.write("broken.geojson", """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"nis": "31005", "name": "Brugge"},
               "geometry": {"type": "Polygon", "coordinates": [[[3.2, 51.2], [3.3, 51.2], [3.3, 51.3], [3.2, 51.2]]]}},
              {"type": "Feature", "properties": {"nis": "99999", "name": "Nergenshuizen"},
               "geometry": {"type": "Polygon", "coordinates": [[[3.2, 51.2], [3.3, 51.2], [3.2, 51.2]]]}},
              {"type": "Feature", "properties": {"nis": "31022", "name": "Oostkamp"},
               "geometry": {"type": "Point", "coordinates": [3.2, 51.2]}},
              {"type": "Feature", "properties": {"nis": "31033"}}
            ]}
            """)
        let run = try cli.koers(["import-boundaries", good, "broken.geojson"], in: folder)
        #expect(run.status != 0)
        #expect(run.errors.contains("broken.geojson:4:3: feature 2 (Nergenshuizen): region 99999 is not in Koers's geography"))
        #expect(run.errors.contains("broken.geojson:7:16: feature 3 (31022): geometry type \"Point\" is not Polygon or MultiPolygon"))
        #expect(run.errors.contains("broken.geojson:8:3: feature 4 (31033) has no geometry"))
        #expect(run.errors.contains("import refused: 3 problems; nothing was written"))
        #expect(try await stored().isEmpty)
    }
}
