import Foundation

/// A position in WGS84 degrees.
public struct GeoPoint: Sendable, Hashable {
    public var longitude: Double
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }
}

/// One area of a map (a municipality, a province): its polygons, each a list of rings (the outer edge first, then holes).
public struct BoundaryFeature: Sendable, Hashable {
    public var id: String
    public var name: String
    public var polygons: [[[GeoPoint]]]

    public init(id: String, name: String, polygons: [[[GeoPoint]]]) {
        self.id = id
        self.name = name
        self.polygons = polygons
    }
}

/// The areas a choropleth map draws, in the order of the source file (which is the drawing order).
public struct Boundaries: Sendable, Hashable {
    public var features: [BoundaryFeature]

    public init(features: [BoundaryFeature]) {
        self.features = features
    }

    /// Reads a GeoJSON FeatureCollection of Polygons and MultiPolygons. Each feature's id is its `idProperty`
    /// (a string or an integer), else the feature's own `id`; its name is `nameProperty`, else the id.
    public init(geoJSON data: Data, idProperty: String = "nis", nameProperty: String = "name") throws {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch { throw GeoJSONError.notJSON("\(error)") }
        guard let collection = root as? [String: Any], collection["type"] as? String == "FeatureCollection" else {
            throw GeoJSONError.notFeatureCollection(found: (root as? [String: Any])?["type"] as? String)
        }
        guard let list = collection["features"] as? [Any] else { throw GeoJSONError.noFeatureList }
        features = try list.enumerated().map { index, feature in
            try Self.feature(feature, index: index, idProperty: idProperty, nameProperty: nameProperty)
        }
        let indicesByID = Dictionary(grouping: features.indices, by: { features[$0].id })
        if let duplicate = indicesByID.filter({ $0.value.count > 1 }).min(by: { $0.value[0] < $1.value[0] }) {
            throw GeoJSONError.duplicateID(duplicate.key, features: duplicate.value)
        }
    }

    /// The feature with this id, if any.
    public func feature(id: String) -> BoundaryFeature? { features.first { $0.id == id } }

    private static func feature(_ json: Any, index: Int, idProperty: String, nameProperty: String) throws -> BoundaryFeature {
        guard let object = json as? [String: Any] else { throw GeoJSONError.notAFeature(feature: index) }
        let properties = object["properties"] as? [String: Any] ?? [:]
        guard let id = identifier(properties[idProperty]) ?? identifier(object["id"]) else {
            throw GeoJSONError.noID(feature: index, property: idProperty)
        }
        guard let geometry = object["geometry"] as? [String: Any], let type = geometry["type"] as? String else {
            throw GeoJSONError.noGeometry(feature: index, id: id)
        }
        let bad = { (place: String) in GeoJSONError.badCoordinates(feature: index, id: id, place: place) }
        let polygons: [[[GeoPoint]]]
        switch type {
        case "Polygon": polygons = [try polygon(geometry["coordinates"], place: "polygon", bad: bad)]
        case "MultiPolygon":
            guard let list = geometry["coordinates"] as? [Any] else { throw bad("the coordinates") }
            polygons = try list.enumerated().map { try polygon($1, place: "polygon \($0)", bad: bad) }
        default: throw GeoJSONError.unsupportedGeometry(feature: index, id: id, type: type)
        }
        return BoundaryFeature(id: id, name: properties[nameProperty] as? String ?? id, polygons: polygons)
    }

    private static func polygon(_ json: Any?, place: String, bad: (String) -> GeoJSONError) throws -> [[GeoPoint]] {
        guard let rings = json as? [Any] else { throw bad(place) }
        return try rings.enumerated().map { ringIndex, ring in
            guard let positions = ring as? [Any] else { throw bad("\(place), ring \(ringIndex)") }
            return try positions.enumerated().map { positionIndex, position in
                guard let pair = position as? [Any], pair.count >= 2,
                      let lon = number(pair[0]), let lat = number(pair[1]),
                      abs(lon) <= 180, abs(lat) <= 90 else { throw bad("\(place), ring \(ringIndex), position \(positionIndex)") }
                return GeoPoint(longitude: lon, latitude: lat)
            }
        }
    }

    /// A JSON number (JSONSerialization gives NSNumber) as a finite Double.
    private static func number(_ json: Any) -> Double? {
        guard let value = (json as? NSNumber)?.doubleValue, value.isFinite else { return nil }
        return value
    }

    /// A string id, or an integer one written without decimals ("31003", not "31003.0").
    private static func identifier(_ json: Any?) -> String? {
        if let text = json as? String, !text.isEmpty { return text }
        if let number = json as? NSNumber, let integer = Int(exactly: number.doubleValue) { return String(integer) }
        return nil
    }
}
