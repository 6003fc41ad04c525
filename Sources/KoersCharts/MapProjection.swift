import Foundation
import KoersCore

/// Equirectangular projection with longitudes shrunk by the cosine of the mean latitude: true to shape within a
/// country the size of Belgium, and simple enough to check by hand. Fitted so the features fill the box less a margin.
struct MapProjection: Sendable {
    let longitudeFactor: Double
    let scale: Double
    let west: Double, north: Double
    let offsetX: Double, offsetY: Double

    /// The height a map of `width` needs for these points' shape (between 0.3 and 1.5 times the width).
    static func height(for points: [GeoPoint], width: Double, margin: Double) -> Double {
        guard let box = BoundingBox(points) else { return width * 0.75 }
        let inner = width - 2 * margin
        let aspect = box.height / max(box.width * box.longitudeFactor, 1e-9)
        return min(max(inner * aspect, width * 0.3 - 2 * margin), width * 1.5 - 2 * margin) + 2 * margin
    }

    init(fitting points: [GeoPoint], width: Double, height: Double, margin: Double) {
        let box = BoundingBox(points) ?? BoundingBox(west: 0, east: 0, south: 0, north: 0)
        longitudeFactor = box.longitudeFactor
        let projectedWidth = box.width * longitudeFactor, projectedHeight = box.height
        let (innerWidth, innerHeight) = (max(width - 2 * margin, 1), max(height - 2 * margin, 1))
        let fit = min(projectedWidth > 0 ? innerWidth / projectedWidth : .infinity,
                      projectedHeight > 0 ? innerHeight / projectedHeight : .infinity)
        scale = fit.isFinite ? fit : 1
        (west, north) = (box.west, box.north)
        offsetX = margin + (innerWidth - projectedWidth * scale) / 2
        offsetY = margin + (innerHeight - projectedHeight * scale) / 2
    }

    /// The point in viewBox pixels, as integer tenths of a pixel (the precision the path data keeps).
    func tenths(_ p: GeoPoint) -> (x: Int, y: Int) {
        let x = offsetX + (p.longitude - west) * longitudeFactor * scale
        let y = offsetY + (north - p.latitude) * scale
        return (Self.clampedTenths(x), Self.clampedTenths(y))
    }

    /// Tenths without the leading zero of a fraction (".3", "-.5"), as SVG allows: most steps along a border are
    /// below a pixel.
    private static func short(_ tenths: Int) -> String {
        let text = svgTenths(tenths)
        if text.hasPrefix("0.") { return String(text.dropFirst()) }
        if text.hasPrefix("-0.") { return "-" + text.dropFirst(2) }
        return text
    }

    private static func clampedTenths(_ pixels: Double) -> Int {
        pixels.isFinite ? Int((min(max(pixels, -1e8), 1e8) * 10).rounded()) : 0
    }

    /// A third of a pixel, in tenths: below what a screen shows at the map's size (and zoomed twice).
    static let simplificationTolerance = 3.0

    /// SVG path data for the polygons: one closed subpath per ring, consecutive points that round to the same tenth
    /// dropped, the rest simplified to within `simplificationTolerance`, and rings that collapse to fewer than three
    /// points left out. After the first point each ring moves
    /// relatively ("l"): the differences of rounded points are exact, and take about half the bytes.
    func pathData(_ polygons: [[[GeoPoint]]]) -> String {
        var d = ""
        for ring in polygons.joined() {
            var points: [(x: Int, y: Int)] = []
            for p in ring {
                let t = tenths(p)
                if let last = points.last, last == t { continue }
                points.append(t)
            }
            if points.count > 1, let first = points.first, let last = points.last, first == last { points.removeLast() }
            points = Simplification.simplify(points, tolerance: Self.simplificationTolerance)
            guard points.count >= 3 else { continue }
            d += "M\(svgTenths(points[0].x)) \(svgTenths(points[0].y))l"
            var previous = points[0]
            for (index, p) in points.enumerated().dropFirst() {
                let dx = Self.short(p.x - previous.x), dy = Self.short(p.y - previous.y)
                // A minus sign separates numbers by itself.
                d += (index == 1 || dx.hasPrefix("-") ? "" : " ") + dx + (dy.hasPrefix("-") ? "" : " ") + dy
                previous = p
            }
            d += "z"
        }
        return d
    }
}

/// The extent of a set of positions in degrees.
struct BoundingBox {
    var west: Double, east: Double, south: Double, north: Double

    init(west: Double, east: Double, south: Double, north: Double) {
        (self.west, self.east, self.south, self.north) = (west, east, south, north)
    }

    init?(_ points: [GeoPoint]) {
        guard let first = points.first else { return nil }
        (west, east, south, north) = (first.longitude, first.longitude, first.latitude, first.latitude)
        for p in points {
            (west, east) = (min(west, p.longitude), max(east, p.longitude))
            (south, north) = (min(south, p.latitude), max(north, p.latitude))
        }
    }

    var width: Double { east - west }
    var height: Double { north - south }
    var longitudeFactor: Double { max(cos((south + north) / 2 * .pi / 180), 0.01) }
}
