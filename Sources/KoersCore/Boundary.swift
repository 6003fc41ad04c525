/// A region's outline for maps: a GeoJSON geometry (Polygon or MultiPolygon, WGS84 longitude/latitude) kept as the
/// JSON text it was imported as, with where it came from.
public struct Boundary: Sendable, Hashable, Codable {
    public var region: String
    /// The GeoJSON `geometry` object, e.g. `{"type":"Polygon","coordinates":[[[3.36,51.36],…]]}`.
    public var geometry: String
    /// The file and its publisher, e.g. "west_flanders_municipalities_2025.geojson (Statbel)".
    public var source: String

    public init(region: String, geometry: String, source: String) {
        self.region = region
        self.geometry = geometry
        self.source = source
    }
}
