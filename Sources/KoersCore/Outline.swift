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

/// A region's outline as typed values: GeoJSON's Polygon or MultiPolygon as a list of polygons, each a list of rings
/// (the outer edge first, then holes). What maps draw; `Boundary` keeps the GeoJSON text it is stored as.
public struct Outline: Sendable, Hashable {
    public var polygons: [[[GeoPoint]]]

    public init(polygons: [[[GeoPoint]]]) { self.polygons = polygons }

    /// Reads a GeoJSON geometry object, `{"type":"Polygon","coordinates":[[[3.36,51.36],…]]}` or a MultiPolygon.
    /// The one reader of outline geometry: the import checks each feature's geometry with it before storing it, and
    /// pages read the stored geometry with it.
    public init(geoJSON text: String) throws(OutlineError) {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: Data(text.utf8)) } catch { throw .notJSON }
        guard let geometry = root as? [String: Any], let type = geometry["type"] as? String else { throw .notAGeometry }
        switch type {
        case "Polygon": polygons = [try Self.polygon(geometry["coordinates"], place: "polygon")]
        case "MultiPolygon":
            guard let list = geometry["coordinates"] as? [Any] else { throw .badCoordinates(place: "the coordinates") }
            polygons = []
            for (index, polygon) in list.enumerated() { polygons.append(try Self.polygon(polygon, place: "polygon \(index)")) }
        default: throw .unsupportedType(type)
        }
    }

    /// Every position of every ring.
    public var points: [GeoPoint] { Array(polygons.joined().joined()) }

    private static func polygon(_ json: Any?, place: String) throws(OutlineError) -> [[GeoPoint]] {
        guard let rings = json as? [Any] else { throw .badCoordinates(place: place) }
        var polygon: [[GeoPoint]] = []
        for (ringIndex, ring) in rings.enumerated() {
            guard let positions = ring as? [Any] else { throw .badCoordinates(place: "\(place), ring \(ringIndex)") }
            var points: [GeoPoint] = []
            points.reserveCapacity(positions.count)
            for (positionIndex, position) in positions.enumerated() {
                guard let pair = position as? [Any], pair.count >= 2, let lon = number(pair[0]), let lat = number(pair[1]),
                      abs(lon) <= 180, abs(lat) <= 90 else {
                    throw .badCoordinates(place: "\(place), ring \(ringIndex), position \(positionIndex)")
                }
                points.append(GeoPoint(longitude: lon, latitude: lat))
            }
            polygon.append(points)
        }
        return polygon
    }

    /// A JSON number (JSONSerialization gives NSNumber) as a finite Double.
    private static func number(_ json: Any) -> Double? {
        guard let value = (json as? NSNumber)?.doubleValue, value.isFinite else { return nil }
        return value
    }
}

/// Why a geometry could not be read as an outline; `place` says which coordinate ("polygon 2, ring 0, position 15",
/// counted from 0 as in the file's arrays).
public enum OutlineError: Error, Sendable, Hashable, CustomStringConvertible {
    case notJSON
    case notAGeometry
    case unsupportedType(String)
    case badCoordinates(place: String)

    public var description: String {
        switch self {
        case .notJSON: "the geometry is not valid JSON"
        case .notAGeometry: "the geometry is not an object with a type"
        case let .unsupportedType(type): "the geometry is a \(type); only Polygon and MultiPolygon are supported"
        case let .badCoordinates(place): "\(place) is not a [longitude, latitude] pair in degrees"
        }
    }
}

extension Boundary {
    /// The stored geometry read as an outline.
    public func outline() throws(OutlineError) -> Outline { try Outline(geoJSON: geometry) }
}
