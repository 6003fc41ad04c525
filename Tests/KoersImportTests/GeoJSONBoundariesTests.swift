import Foundation
import KoersCore
import KoersImport
import Testing

/// The one GeoJSON reader: a FeatureCollection's features with their codes, names and outlines, and every problem
/// with its place (moved here from the charts' own reader, which it replaced).
@Suite struct GeoJSONBoundariesTests {
    static func features(_ json: String) throws -> [GeoJSONBoundaries.Feature] {
        try GeoJSONBoundaries.features(Array(json.utf8), name: "test.geojson")
    }

    @Test func fallsBackToTheFeatureIdAndAcceptsNumericIds() throws {
        let json = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":41002,"properties":{},"geometry":{"type":"Polygon","coordinates":[[[3.0,51.0],[3.1,51.0],[3.1,51.1],[3.0,51.0]]]}}]}"#
        let features = try Self.features(json)
        #expect(features.map(\.code) == ["41002"])
        #expect(features.first?.name == nil)
        #expect(features.first?.outline.polygons == [[[GeoPoint(longitude: 3, latitude: 51), GeoPoint(longitude: 3.1, latitude: 51),
                                                       GeoPoint(longitude: 3.1, latitude: 51.1), GeoPoint(longitude: 3, latitude: 51)]]])
        // The stored text is the geometry as written, compact; reading it back gives the same outline.
        #expect(features.first?.geometry == #"{"type":"Polygon","coordinates":[[[3,51],[3.1,51],[3.1,51.1],[3,51]]]}"#)
        #expect(try features.first.map { try Outline(geoJSON: $0.geometry) } == features.first?.outline)
    }

    @Test(arguments: [
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nis":"1"},"geometry":{"type":"Polygon","coordinates":[]}},{"type":"Feature","properties":{"nis":"2"},"geometry":null}]}"#,
         "feature 2 (2) has no geometry"),
        (#"{"type":"Feature"}"#, "not a GeoJSON FeatureCollection"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nis":"1"},"geometry":{"type":"Point","coordinates":[3,51]}}]}"#,
         "feature 1 (1): geometry type \"Point\" is not Polygon or MultiPolygon"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nis":"1"},"geometry":{"type":"MultiPolygon","coordinates":[[[[3,51],[3,52],[4,51]]],[[[3,51],[155000,200000]]]]}}]}"#,
         "feature 1 (1): polygon 1, ring 0, position 1 is not a [longitude, latitude] pair in degrees"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},"geometry":null}]}"#,
         "feature 1 (x) has no region code: expected the property nis, NIS, code, NUTS_ID or an id"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":{"type":"Polygon","coordinates":[]}},{"type":"Feature","id":"a","geometry":{"type":"Polygon","coordinates":[]}}]}"#,
         "feature 2: region a already has an outline in feature 1"),
        (#"{"type":"FeatureCollection"}"#, "not a GeoJSON FeatureCollection"),
    ])
    func invalidGeoJSONSaysWhatAndWhere(json: String, message: String) {
        #expect {
            try Self.features(json)
        } throws: { error in
            "\(error)".hasPrefix("test.geojson:1: " + message)
        }
    }

    @Test func notJSONIsReported() {
        #expect(throws: DataFileError.self) { try Self.features("{") }
    }

    /// The geometry reader on its own, as pages use it on stored text.
    @Test(arguments: [(#"{"type":"Point","coordinates":[3,51]}"#, OutlineError.unsupportedType("Point")),
                      ("{}", .notAGeometry), ("{", .notJSON),
                      (#"{"type":"Polygon","coordinates":[[[3,51],[3,"x"]]]}"#, .badCoordinates(place: "polygon, ring 0, position 1"))])
    func storedGeometryThatIsNoOutline(_ text: String, _ expected: OutlineError) {
        #expect(throws: expected) { try Outline(geoJSON: text) }
    }
}
