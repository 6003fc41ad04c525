/// A grid of small line charts, one per region or indicator, each with its title, in one SVG.
public struct SmallMultiples: Sendable, Hashable {
    public struct Panel: Sendable, Hashable {
        public var title: String
        public var chart: LineChart

        public init(title: String, chart: LineChart) {
            self.title = title
            self.chart = chart
        }
    }

    public var panels: [Panel]
    public var columns: Int
    /// One y axis for every panel, so heights compare across panels; off when the levels differ too much to share.
    public var sharesYAxis: Bool
    public var panelWidth: Double
    public var panelHeight: Double

    public init(panels: [Panel], columns: Int = 3, sharesYAxis: Bool = true, panelWidth: Double = 220, panelHeight: Double = 160) {
        self.panels = panels
        self.columns = columns
        self.sharesYAxis = sharesYAxis
        self.panelWidth = panelWidth
        self.panelHeight = panelHeight
    }

    public func svg(caption: ChartCaption, xFormat: (Double) -> String = LineChart.yearLabel,
                    yFormat: (Double) -> String) -> String {
        let columns = max(1, min(columns, panels.count))
        let width = drawableLength(panelWidth, minimum: 120, fallback: 220)
        let height = drawableLength(panelHeight, minimum: 80, fallback: 160)
        let titleHeight = 20.0, spacing = 12.0, padding = 4.0
        let shared = sharesYAxis
            ? ValueAxis(covering: panels.flatMap(\.chart.yValues), zero: panels.first?.chart.zeroBaseline ?? .automatic, maxTicks: 4)
            : nil
        var body = ""
        for (index, panel) in panels.enumerated() {
            var chart = panel.chart
            (chart.width, chart.height, chart.fontSize) = (width, height, 12)
            chart.showsDirectLabels = chart.showsDirectLabels && chart.series.count > 1  // one line: the title names it
            let x = padding + Double(index % columns) * (width + spacing), y = Double(index / columns) * (height + titleHeight + spacing)
            body += "<g class=\"panel\" font-size=\"12\" transform=\"translate(\(svgNumber(x)) \(svgNumber(y)))\">"
                + "<text x=\"0\" y=\"14\" font-weight=\"bold\" fill=\"\(Palette.ink)\">\(svgEscape(panel.title))</text>"
                + "<g transform=\"translate(0 \(svgNumber(titleHeight)))\">"
                + chart.body(chart.layout(yFormat: yFormat, sharedAxis: shared), xFormat: xFormat, yFormat: yFormat)
                + "</g></g>"
        }
        let rows = (panels.count + columns - 1) / columns
        return caption.document(width: Double(columns) * (width + spacing) - spacing + 2 * padding,
                                height: max(Double(rows) * (height + titleHeight + spacing) - spacing, titleHeight), body: body)
    }
}
