import Testing
@testable import KoersCharts

@Suite struct RankedBarChartTests {
    static let caption = ChartCaption(idPrefix: "rang", title: "Werkloosheid", description: "Brugge staat derde van vijf")
    static let chart = RankedBarChart(bars: [
        RankedBar(id: "31005", label: "Brugge", value: 7.1, highlighted: true, href: "/regio/31005"),
        RankedBar(id: "33016", label: "Mesen", value: nil),
        RankedBar(id: "34022", label: "Kortrijk", value: -3.2),
        RankedBar(id: "35013", label: "Oostende", value: 12.5),
        RankedBar(id: "34043", label: "Spiere-Helkijn", value: .nan),
        RankedBar(id: "36015", label: "Roeselare", value: 7.1),
    ])

    @Test func ranksDescendingWithMissingValuesLast() throws {
        #expect(Self.chart.ranked.map(\.label) == ["Oostende", "Brugge", "Roeselare", "Kortrijk", "Mesen", "Spiere-Helkijn"])
        var ascending = Self.chart
        ascending.ascending = true
        #expect(ascending.ranked.map(\.label) == ["Kortrijk", "Brugge", "Roeselare", "Oostende", "Mesen", "Spiere-Helkijn"])
        // The drawing follows the ranking from top to bottom.
        let doc = try SVGDocument(Self.chart.svg(caption: Self.caption, format: dutch))
        #expect(doc.all("g", class: "bar").map { $0.attributes["data-id"] ?? "" } == ["35013", "31005", "36015", "34022", "33016", "34043"])
    }

    @Test func missingValuesHaveADashAndNoBar() throws {
        let doc = try SVGDocument(Self.chart.svg(caption: Self.caption, format: dutch))
        #expect(doc.all("rect").count == 4)
        #expect(doc.all("text", class: "missing").map(\.text) == ["–", "–"])
        let rows = doc.all("g", class: "bar").map(\.attributes)
        #expect(rows.suffix(2).map { $0["data-id"] } == ["33016", "34043"])
    }

    @Test func negativeBarsGrowLeftOfZero() throws {
        let doc = try SVGDocument(Self.chart.svg(caption: Self.caption, format: dutch))
        let zero = try #require(doc.all("path", class: "zero").first.flatMap { pathNumbers($0.attributes["d"] ?? "").first })
        let rects = doc.all("rect")
        let kortrijk = try #require(rects.first { doc.ancestor(of: $0, class: "bar").map { doc.elements[$0].attributes["data-id"] } == "34022" })
        let (x, width) = (try #require(kortrijk.number("x")), try #require(kortrijk.number("width")))
        #expect(abs(x + width - zero) <= 0.1)
        #expect(width > 0)
        for positive in rects.filter({ $0 != kortrijk }) { #expect(abs((positive.number("x") ?? 0) - zero) <= 0.1) }
        let valueTexts = doc.all("text", class: "value").filter { !$0.classes.contains("missing") }
        #expect(valueTexts.map(\.text) == ["12,5", "7,1", "7,1", "-3,2"])
        #expect(valueTexts.last?.attributes["text-anchor"] == "end")
    }

    @Test func highlightedBarIsDarkerAndLinked() throws {
        let doc = try SVGDocument(Self.chart.svg(caption: Self.caption, format: dutch))
        let fills = doc.all("rect").map { $0.attributes["fill"] }
        #expect(fills == [Palette.bar, Palette.barHighlight, Palette.bar, Palette.bar])
        let links = doc.all("a")
        #expect(links.map { $0.attributes["href"] } == ["/regio/31005"])
        let brugge = try #require(doc.all("g", class: "bar").first { $0.attributes["data-id"] == "31005" })
        #expect(brugge.ancestors.last == "a")
        #expect(doc.elements.contains { $0.name == "title" && $0.text == "Brugge: 7,1" })
    }
}

extension SVGDocument.Element: Equatable {
    static func == (a: Self, b: Self) -> Bool { a.name == b.name && a.attributes == b.attributes && a.parents == b.parents }
}
