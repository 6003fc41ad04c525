import KoersTestSupport
import Testing

@testable import KoersCharts

/// Map outlines lose only the points a screen cannot show.
@Suite struct SimplificationTests {
    @Test func pointsOnTheLineGoAndAPointOffItStays() {
        let straight = (0...10).map { (x: $0 * 10, y: 0) }
        #expect(Simplification.simplify(straight, tolerance: 3).map(\.x) == [0, 100])
        var bent = straight
        bent[5].y = 4  // 0.4 px off the line: kept (with the neighbours that now lie off the lines to it)
        #expect(Simplification.simplify(bent, tolerance: 3).contains { $0 == (x: 50, y: 4) })
        bent[5].y = 2  // 0.2 px: dropped
        #expect(Simplification.simplify(bent, tolerance: 3).count == 2)
    }

    @Test func everyDroppedPointLiesWithinTheToleranceOfTheSimplifiedRing() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<200 {
            var walk = [(x: 0, y: 0)]
            for _ in 0..<Int.random(in: 4...80, using: &random) {
                let last = walk.last!
                walk.append((last.x + Int.random(in: -12...12, using: &random), last.y + Int.random(in: -12...12, using: &random)))
            }
            let indices = Simplification.kept(walk, tolerance: 3)
            #expect(indices.first == 0 && indices.last == walk.count - 1)
            // Each original point is within the tolerance of the kept segment that spans it.
            var segment = 0
            for (index, point) in walk.enumerated() {
                while segment < indices.count - 2 && index > indices[segment + 1] { segment += 1 }
                let d = Simplification.distance(point, from: walk[indices[segment]], to: walk[indices[segment + 1]])
                #expect(d <= 3.0 + 1e-9, "point \(index) is \(d) tenths away")
            }
        }
    }
}
