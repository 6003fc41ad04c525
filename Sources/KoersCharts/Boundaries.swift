import KoersCore

/// One area of a map (a municipality, a province): its id, the name its tooltip shows, and its outline's polygons.
public struct BoundaryFeature: Sendable, Hashable {
    public var id: String
    public var name: String
    public var polygons: [[[GeoPoint]]]

    public init(id: String, name: String, polygons: [[[GeoPoint]]]) {
        self.id = id
        self.name = name
        self.polygons = polygons
    }

    public init(id: String, name: String, outline: Outline) {
        self.init(id: id, name: name, polygons: outline.polygons)
    }
}

/// The areas a choropleth map draws, in drawing order. Outlines are read once, by `Outline(geoJSON:)` (KoersCore);
/// the map draws the parsed values.
public struct Boundaries: Sendable, Hashable {
    public var features: [BoundaryFeature]

    public init(features: [BoundaryFeature]) {
        self.features = features
    }

    /// The feature with this id, if any.
    public func feature(id: String) -> BoundaryFeature? { features.first { $0.id == id } }
}
