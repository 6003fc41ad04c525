import Testing
@testable import KoersCharts

@Suite struct LineChartTests {
    static let caption = ChartCaption(idPrefix: "werkzoekenden", title: "Werkzoekenden",
                                      description: "Het aantal werkzoekenden daalde van 7.719 in 2017 naar 6.900 in 2023; doel 6.000 in 2030")

    static func series(_ id: String, _ values: [Double?], from year: Double = 2017, emphasis: Bool = false) -> LineSeries {
        LineSeries(id: id, label: id, points: values.enumerated().map { ChartPoint(x: year + Double($0), y: $1) }, emphasis: emphasis)
    }

    static let chart = LineChart(
        series: [series("Brugge", [7719, 7500, 7300, 7100, 7000, 6950, 6900], emphasis: true),
                 series("Kortrijk", [5200, 5100, nil, 4900, 4800, 4700, 4650]),
                 series("Oostende", [6100, 6000, 5900, 5800, 5850, 5700, 5600])],
        target: ChartMarker(x: 2030, y: 6000, label: "doel 6.000"),
        baseline: ChartMarker(x: 2017, y: 7719, label: "2017: 7.719"),
        projection: [BandPoint(x: 2023, low: 6900, mid: 6900, high: 6900), BandPoint(x: 2030, low: 5800, mid: 6400, high: 7000)],
        reference: ReferenceLine(value: 4000, label: "minimum"))

    @Test func producesWellFormedAccessibleSVG() throws {
        let doc = try SVGDocument(Self.chart.svg(caption: Self.caption, yFormat: dutch))
        let root = try #require(doc.root)
        #expect(root.name == "svg")
        #expect(root.attributes["width"] == "100%")
        #expect(root.attributes["viewBox"] == "0 0 640 320")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-labelledby"] == "werkzoekenden-title werkzoekenden-desc")
        #expect(doc.all("title").first { $0.attributes["id"] == "werkzoekenden-title" }?.text == "Werkzoekenden")
        #expect(doc.all("desc").first?.text == Self.caption.description)
        #expect(doc.all("path", class: "line").count == 3)
        #expect(doc.all("circle", class: "point").count == 20)
        #expect(doc.all("circle", class: "target").count == 1)
        #expect(doc.all("circle", class: "baseline").count == 1)
        #expect(doc.all("path", class: "required-path").count == 1)
        #expect(doc.all("path", class: "band").count == 1)
        #expect(doc.all("path", class: "projection").first?.attributes["stroke-dasharray"] != nil)
        #expect(doc.all("path", class: "reference").count == 1)
        #expect(doc.all("text", class: "label").map(\.text) == ["Brugge", "Kortrijk", "Oostende"])
    }

    @Test func emphasisIsThickerAndDarkerAndDrawnLast() throws {
        let doc = try SVGDocument(Self.chart.svg(caption: Self.caption, yFormat: dutch))
        let groups = doc.all("g", class: "series")
        #expect(groups.last?.attributes["data-series"] == "Brugge")
        #expect(groups.last?.attributes["stroke"] == Palette.emphasis)
        #expect(groups.dropLast().allSatisfy { Palette.categorical.contains($0.attributes["stroke"] ?? "") })
        let widths = doc.all("path", class: "line").compactMap { $0.number("stroke-width") }
        #expect(widths == [1.5, 1.5, 3])
    }

    @Test func targetMarkerSitsWhereTheScalePutsIt() throws {
        let layout = Self.chart.layout(yFormat: dutch)
        let target = try #require(try SVGDocument(Self.chart.svg(caption: Self.caption, yFormat: dutch)).all("circle", class: "target").first)
        #expect(layout.x(2030) == layout.right)
        #expect(abs(try #require(target.number("cx")) - layout.x(2030)) <= 0.05)
        #expect(abs(try #require(target.number("cy")) - layout.y(6000)) <= 0.05)
        // The y axis covers every value given (the reference level 4000 too) and is too far from zero to include it.
        #expect(layout.yAxis.ticks == [4000, 5000, 6000, 7000, 8000])
        #expect(layout.y(8000) == layout.top && layout.y(4000) == layout.bottom)
    }

    @Test func axisLabelsComeFromTheFormatClosures() throws {
        let doc = try SVGDocument(Self.chart.svg(caption: Self.caption, yFormat: dutch))
        let yLabels = doc.elements.filter { $0.name == "text" && $0.ancestors.last == "g" }.map(\.text)
        #expect(yLabels.contains("8.000"))
        let xLabels = doc.all("text").filter { $0.text.count == 4 && Int($0.text) != nil }.map(\.text)
        #expect(xLabels == ["2018", "2020", "2022", "2024", "2026", "2028", "2030"])
        #expect(!doc.source.contains("2.017") && !doc.source.contains("2.020"))
    }

    @Test func tooltipsNameSeriesPeriodAndValue() throws {
        var chart = Self.chart
        chart.series[0].points[6].period = "2023 K4"
        let tips = try SVGDocument(chart.svg(caption: Self.caption, yFormat: dutch)).elements
            .filter { $0.name == "title" && $0.ancestors.last == "circle" }.map(\.text)
        #expect(tips.contains("Brugge, 2017: 7.719"))
        #expect(tips.contains("Brugge, 2023 K4: 6.900"))
    }

    @Test func gapsBreakTheLine() throws {
        let chart = LineChart(series: [Self.series("a", [1, 2, nil, 4, 5, nil, 7, nil])])
        let doc = try SVGDocument(chart.svg(caption: Self.caption, yFormat: dutch))
        let d = try #require(doc.all("path", class: "line").first?.attributes["d"])
        #expect(d.filter { $0 == "M" }.count == 2)  // 1–2 and 4–5; the lone 7 is only a dot
        #expect(d.filter { $0 == "L" }.count == 2)
        #expect(doc.all("circle", class: "point").count == 5)
    }

    @Test func directLabelsDoNotOverlapWhenSeriesEndTogether() throws {
        let chart = LineChart(series: (0..<5).map { Self.series("Regio \($0)", [100, 80 + Double($0) * 0.1], emphasis: $0 == 2) })
        let doc = try SVGDocument(chart.svg(caption: Self.caption, yFormat: dutch))
        let ys = doc.all("text", class: "label").compactMap { $0.number("y") }.sorted()
        #expect(ys.count == 5)
        for (a, b) in zip(ys, ys.dropFirst()) { #expect(b - a >= chart.fontSize, "\(ys)") }
        let layout = chart.layout(yFormat: dutch)
        #expect(ys.allSatisfy { (layout.top...layout.bottom).contains($0) })
    }

    @Test func directLabelsStayNearTheirLinesWhenThereIsRoom() {
        let placed = DirectLabels.place([50, 200, 52, 300], gap: 15, top: 0, bottom: 400)
        #expect(placed == [43.5, 200, 58.5, 300])
        #expect(DirectLabels.place([395, 398], gap: 15, top: 0, bottom: 400) == [385, 400])
    }

    @Test func idsAreUniqueAndPrefixed() throws {
        let a = try SVGDocument(Self.chart.svg(caption: ChartCaption(idPrefix: "a", title: "A", description: "a"), yFormat: dutch))
        let b = try SVGDocument(Self.chart.svg(caption: ChartCaption(idPrefix: "b 2", title: "B", description: "b"), yFormat: dutch))
        let idsA = a.elements.compactMap { $0.attributes["id"] }, idsB = b.elements.compactMap { $0.attributes["id"] }
        #expect(Set(idsA).isDisjoint(with: idsB))
        #expect(idsA.allSatisfy { $0.hasPrefix("a-") } && idsB.allSatisfy { $0.hasPrefix("b-2-") })
        #expect(ChartCaption(idPrefix: "9 x", title: "", description: "").safePrefix == "c9-x")
    }

    @Test func outputIsDeterministic() {
        #expect(Self.chart.svg(caption: Self.caption, yFormat: dutch) == Self.chart.svg(caption: Self.caption, yFormat: dutch))
    }

    @Test func escapesLabels() throws {
        let chart = LineChart(series: [LineSeries(id: "x\"", label: "A & B <c>", points: [ChartPoint(x: 2020, y: 1)])])
        let doc = try SVGDocument(chart.svg(caption: ChartCaption(idPrefix: "e", title: "<t>", description: "&"), yFormat: dutch))
        #expect(doc.all("text", class: "label").first?.text == "A & B <c>")
    }

    @Test func smallMultiplesShareTheYAxis() throws {
        let panels = [("Brugge", [7719.0, 6900]), ("Mesen", [40.0, 38])].map { title, values in
            SmallMultiples.Panel(title: title, chart: LineChart(series: [Self.series(title, values, emphasis: true)]))
        }
        let shared = try SVGDocument(SmallMultiples(panels: panels, columns: 2).svg(caption: Self.caption, yFormat: dutch))
        #expect(shared.all("g", class: "panel").count == 2)
        #expect(shared.all("text").filter { $0.attributes["font-weight"] == "bold" && !$0.classes.contains("label") }.map(\.text)
                == ["Brugge", "Mesen"])
        let sharedTicks = shared.texts(inside: "y-axis")
        #expect(sharedTicks.count == 2 && sharedTicks[0] == sharedTicks[1], "\(sharedTicks)")
        let separate = try SVGDocument(SmallMultiples(panels: panels, columns: 2, sharesYAxis: false).svg(caption: Self.caption, yFormat: dutch))
        let separateTicks = separate.texts(inside: "y-axis")
        #expect(separateTicks.count == 2 && separateTicks[0] != separateTicks[1], "\(separateTicks)")
    }
}
