/// Why GeoJSON could not be read as boundaries, saying where (features are counted from 0, as in the file's array).
public enum GeoJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    case notJSON(String)
    case notFeatureCollection(found: String?)
    case noFeatureList
    case notAFeature(feature: Int)
    case noGeometry(feature: Int, id: String)
    case unsupportedGeometry(feature: Int, id: String, type: String)
    /// `place` says which coordinate, e.g. "polygon 2, ring 0, position 15".
    case badCoordinates(feature: Int, id: String, place: String)
    case noID(feature: Int, property: String)
    case duplicateID(String, features: [Int])

    public var description: String {
        switch self {
        case let .notJSON(detail): "GeoJSON: not valid JSON (\(detail))"
        case let .notFeatureCollection(found): "GeoJSON: the top level is \(found.map { "a \($0)" } ?? "not an object with a type"), not a FeatureCollection"
        case .noFeatureList: "GeoJSON: the FeatureCollection has no \"features\" array"
        case let .notAFeature(index): "GeoJSON: feature \(index) is not an object"
        case let .noGeometry(index, id): "GeoJSON: feature \(index) (\(id)) has no geometry"
        case let .unsupportedGeometry(index, id, type): "GeoJSON: feature \(index) (\(id)) has a \(type); only Polygon and MultiPolygon are supported"
        case let .badCoordinates(index, id, place): "GeoJSON: feature \(index) (\(id)): \(place) is not a [longitude, latitude] pair in degrees"
        case let .noID(index, property): "GeoJSON: feature \(index) has neither a \"\(property)\" property nor an id"
        case let .duplicateID(id, indices): "GeoJSON: id \(id) is used by features \(indices.map(String.init).joined(separator: " and "))"
        }
    }
}
