import KoersCore
import KoersTestSupport
import Testing
@testable import KoersCharts

/// Degenerate inputs drawn from a fixed seed: every chart must stay well-formed, finite and deterministic.
@Suite struct RobustnessTests {
    typealias Seeded = SplitMix64

    static let awkwardValues: [Double?] = [nil, 0, -0.0, 1, -1, 5, 5, 7719, -7719, 1e-300, 1e300, -1e300,
                                           .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .nan, .infinity, -.infinity]
    static let awkwardYears: [Double] = [2017, 2017, 2023.25, 2030, -5, 0, 1e12, .nan, .infinity]

    static func check(_ svg: String, _ context: @autoclosure () -> String) throws {
        #expect(!hasNonFinite(svg), "\(context())")
        let doc = try SVGDocument(svg)
        #expect(geometryNumbers(doc).allSatisfy { $0.isFinite }, "\(context())")
        #expect(doc.root?.attributes["viewBox"].map { !$0.contains("-") } == true, "\(context())")
    }

    @Test func lineChartsSurviveDegenerateInput() throws {
        var random = Seeded(seed: 2024)
        let caption = ChartCaption(idPrefix: "r", title: "t", description: "d")
        for round in 0..<300 {
            let series = (0..<Int.random(in: 0...4, using: &random)).map { index in
                LineSeries(id: "s\(index)", label: "Reeks \(index)", points: (0..<Int.random(in: 0...6, using: &random)).map { _ in
                    ChartPoint(x: Self.awkwardYears.randomElement(using: &random)!, y: Self.awkwardValues.randomElement(using: &random)!)
                }, emphasis: Bool.random(using: &random))
            }
            let value = { (random: inout Seeded) in Self.awkwardValues.randomElement(using: &random)! ?? 0 }
            let year = { (random: inout Seeded) in Self.awkwardYears.randomElement(using: &random)! }
            let chart = LineChart(
                series: series,
                target: Bool.random(using: &random) ? ChartMarker(x: year(&random), y: value(&random), label: "doel") : nil,
                baseline: Bool.random(using: &random) ? ChartMarker(x: year(&random), y: value(&random), label: "basis") : nil,
                projection: Bool.random(using: &random) ? [BandPoint(x: year(&random), low: value(&random), mid: value(&random), high: value(&random))] : [],
                reference: Bool.random(using: &random) ? ReferenceLine(value: value(&random), label: "niveau") : nil,
                zeroBaseline: [.always, .never, .automatic].randomElement(using: &random)!,
                width: [640, 0, -10, .nan, 1e12].randomElement(using: &random)!,
                height: [320, 0, .infinity].randomElement(using: &random)!)
            let svg = chart.svg(caption: caption, yFormat: dutch)
            try Self.check(svg, "round \(round): \(chart)")
            #expect(svg == chart.svg(caption: caption, yFormat: dutch))
            if round % 10 == 0 {
                let panels = [SmallMultiples.Panel(title: "a", chart: chart), SmallMultiples.Panel(title: "b", chart: LineChart(series: []))]
                try Self.check(SmallMultiples(panels: panels, columns: Int.random(in: -1...3, using: &random)).svg(caption: caption, yFormat: dutch),
                               "small multiples round \(round)")
            }
        }
    }

    @Test func emptyInputsStillGiveAnAccessibleSVG() throws {
        let caption = ChartCaption(idPrefix: "leeg", title: "Geen gegevens", description: "Er zijn nog geen gegevens")
        for svg in [LineChart(series: []).svg(caption: caption, yFormat: dutch),
                    LineChart(series: [LineSeries(id: "a", label: "a", points: [ChartPoint(x: 2020, y: nil)])]).svg(caption: caption, yFormat: dutch),
                    SmallMultiples(panels: []).svg(caption: caption, yFormat: dutch),
                    RankedBarChart(bars: []).svg(caption: caption, format: dutch)] {
            try Self.check(svg, svg)
            #expect(try SVGDocument(svg).root?.attributes["role"] == "img")
        }
    }

    @Test func rankedBarsSurviveDegenerateInput() throws {
        var random = Seeded(seed: 7)
        for round in 0..<200 {
            let bars = (0..<Int.random(in: 0...6, using: &random)).map {
                RankedBar(id: "\($0)", label: "Gemeente \($0)", value: Self.awkwardValues.randomElement(using: &random)!,
                          highlighted: Bool.random(using: &random))
            }
            let chart = RankedBarChart(bars: bars, ascending: Bool.random(using: &random), width: [640, 1, .nan].randomElement(using: &random)!)
            try Self.check(chart.svg(caption: ChartCaption(idPrefix: "b", title: "t", description: "d"), format: dutch), "round \(round): \(bars)")
        }
    }

    @Test func mapsSurviveDegenerateInput() throws {
        var random = Seeded(seed: 99)
        let shapes: [[[[GeoPoint]]]] = [
            [], [[]], [[[GeoPoint(longitude: 3, latitude: 51)]]],
            [[Array(repeating: GeoPoint(longitude: 3, latitude: 51), count: 5)]],
            [[[GeoPoint(longitude: 3, latitude: 51), GeoPoint(longitude: 3.5, latitude: 51), GeoPoint(longitude: 3.5, latitude: 51)]]],
            [[[GeoPoint(longitude: -180, latitude: -90), GeoPoint(longitude: 180, latitude: 90), GeoPoint(longitude: 180, latitude: -90)]]],
            [[[GeoPoint(longitude: 3, latitude: 51), GeoPoint(longitude: 3.2, latitude: 51.1), GeoPoint(longitude: 3.1, latitude: 51.2)]]],
        ]
        for round in 0..<200 {
            let features = (0..<Int.random(in: 0...4, using: &random)).map {
                BoundaryFeature(id: "\($0)", name: "G\($0)", polygons: shapes.randomElement(using: &random)!)
            }
            var values: [String: Double] = [:]
            for feature in features { values[feature.id] = Self.awkwardValues.randomElement(using: &random)! }
            let map = ChoroplethMap(boundaries: Boundaries(features: features), values: values, highlighted: "1",
                                    width: [640, 0, .infinity].randomElement(using: &random)!)
            try Self.check(map.svg(caption: ChartCaption(idPrefix: "m", title: "t", description: "d"), format: dutch, noDataLabel: "geen gegevens"),
                           "round \(round): \(features) \(values)")
        }
    }
}
