/// Douglas–Peucker simplification of a ring of map points in integer tenths of a pixel: points closer than
/// `tolerance` tenths to the line that replaces them are dropped. Municipal borders are surveyed to the metre; at
/// a few hundred pixels per province most of their points fall within a fraction of a pixel of their neighbours'
/// line, and drawing them only costs bytes.
enum Simplification {
    static func simplify(_ points: [(x: Int, y: Int)], tolerance: Double) -> [(x: Int, y: Int)] {
        kept(points, tolerance: tolerance).map { points[$0] }
    }

    /// The indices of the points kept, in order; the first and last always.
    static func kept(_ points: [(x: Int, y: Int)], tolerance: Double) -> [Int] {
        guard points.count > 3, tolerance > 0 else { return Array(points.indices) }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var spans = [(0, points.count - 1)]
        while let (start, end) = spans.popLast() {
            guard end > start + 1 else { continue }
            var farthest = start, distance = -1.0
            for index in (start + 1)..<end {
                let d = Self.distance(points[index], from: points[start], to: points[end])
                if d > distance { (farthest, distance) = (index, d) }
            }
            guard distance > tolerance else { continue }
            keep[farthest] = true
            spans.append((start, farthest))
            spans.append((farthest, end))
        }
        return points.indices.filter { keep[$0] }
    }

    /// The distance from `p` to the segment from `a` to `b`.
    static func distance(_ p: (x: Int, y: Int), from a: (x: Int, y: Int), to b: (x: Int, y: Int)) -> Double {
        let (px, py) = (Double(p.x - a.x), Double(p.y - a.y))
        let (dx, dy) = (Double(b.x - a.x), Double(b.y - a.y))
        let length = dx * dx + dy * dy
        guard length > 0 else { return (px * px + py * py).squareRoot() }
        let t = min(max((px * dx + py * dy) / length, 0), 1)
        let (ex, ey) = (px - t * dx, py - t * dy)
        return (ex * ex + ey * ey).squareRoot()
    }
}
