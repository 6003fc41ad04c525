/// One region's bar.
public struct RankedBar: Sendable, Hashable {
    public var id: String
    public var label: String
    /// `nil` (or non-finite): no value; listed at the bottom with a dash instead of a bar.
    public var value: Double?
    /// The reader's region, drawn darker.
    public var highlighted: Bool
    /// Where the bar links to (the region's page), if anywhere.
    public var href: String?

    public init(id: String, label: String, value: Double?, highlighted: Bool = false, href: String? = nil) {
        self.id = id
        self.label = label
        self.value = value
        self.highlighted = highlighted
        self.href = href
    }
}

/// Horizontal bars ranked by value, labels at the left and formatted values at the bar ends. Negative values grow
/// left from a zero line.
public struct RankedBarChart: Sendable, Hashable {
    public var bars: [RankedBar]
    /// Largest first by default; ascending puts the smallest first (when smaller is better).
    public var ascending: Bool
    public var width: Double
    public var barHeight: Double
    /// The text size the document sets, for the layout.
    private let fontSize = 13.0

    public init(bars: [RankedBar], ascending: Bool = false, width: Double = 640, barHeight: Double = 22) {
        self.bars = bars
        self.ascending = ascending
        self.width = width
        self.barHeight = barHeight
    }

    /// The bars in drawing order: valued bars ranked (ties keep their given order), then those without a value.
    public var ranked: [RankedBar] {
        let valued: [(index: Int, bar: RankedBar, value: Double)] = bars.enumerated().compactMap { index, bar in
            guard let value = bar.value, value.isFinite else { return nil }
            return (index, bar, value)
        }
        let sorted = valued.sorted { a, b in
            a.value != b.value ? (ascending ? a.value < b.value : a.value > b.value) : a.index < b.index
        }
        return sorted.map(\.bar) + bars.filter { !($0.value?.isFinite ?? false) }
    }

    /// `format` writes the values at the bar ends; `missingText` stands for a missing value.
    public func svg(caption: ChartCaption, format: (Double) -> String, missingText: String = "–") -> String {
        let rows = ranked
        let width = drawableLength(width, minimum: 160, fallback: 640)
        let barHeight = drawableLength(barHeight, minimum: fontSize + 2, fallback: 22)
        let rowHeight = barHeight + 6
        let values = rows.compactMap(\.value).filter(\.isFinite)
        let labels = values.map(format)
        let labelWidth = min(rows.map { estimatedTextWidth($0.label, fontSize: fontSize) }.max() ?? 0, width * 0.35)
        let valueWidth = (labels + [missingText]).map { estimatedTextWidth($0, fontSize: fontSize) }.max() ?? 0
        let (lo, hi) = (min(values.min() ?? 0, 0), max(values.max() ?? 0, 0))
        // Room for value labels left of negative bars and right of positive ones.
        let start = labelWidth + 12 + (lo < 0 ? valueWidth + 6 : 0), end = width - (hi > 0 || lo == 0 ? valueWidth + 6 : 0)
        let x = LinearScale(domain: lo...(hi > lo ? hi : lo + 1), rangeStart: start, rangeEnd: max(end, start + 1))
        let layout = RowLayout(x: x, labelRight: labelWidth + 4, barHeight: barHeight)
        var body = ""
        for (index, bar) in rows.enumerated() {
            let row = layout.row(bar, top: Double(index) * rowHeight + 3, format: format, missingText: missingText)
            body += bar.href.map { "<a href=\"\(svgEscape($0))\">\(row)</a>" } ?? row
        }
        if lo < 0 {
            body += "<path class=\"zero\" d=\"M\(svgNumber(x(0))) 0V\(svgNumber(Double(rows.count) * rowHeight))\" stroke=\"\(Palette.muted)\"/>"
        }
        return caption.document(width: width, height: max(Double(rows.count) * rowHeight, rowHeight),
                                body: "<g fill=\"\(Palette.ink)\">\(body)</g>")
    }

    /// Draws one row: label, bar (left of zero when negative) and value, or a dash when the value is missing.
    private struct RowLayout {
        let x: LinearScale
        let labelRight: Double
        let barHeight: Double

        func row(_ bar: RankedBar, top: Double, format: (Double) -> String, missingText: String) -> String {
            let middle = svgNumber(top + barHeight / 2), zero = x(0)
            var row = "<text x=\"\(svgNumber(labelRight))\" y=\"\(middle)\" dy=\"0.32em\" text-anchor=\"end\""
                + (bar.highlighted ? " font-weight=\"bold\"" : "") + ">\(svgEscape(bar.label))</text>"
            let shown: String
            if let value = bar.value, value.isFinite {
                let end = x(value)
                shown = format(value)
                row += "<rect x=\"\(svgNumber(min(end, zero)))\" y=\"\(svgNumber(top))\" width=\"\(svgNumber(abs(end - zero)))\" "
                    + "height=\"\(svgNumber(barHeight))\" fill=\"\(bar.highlighted ? Palette.barHighlight : Palette.bar)\"/>"
                    + "<text class=\"value\" x=\"\(svgNumber(value < 0 ? end - 4 : end + 4))\" y=\"\(middle)\" dy=\"0.32em\" "
                    + "text-anchor=\"\(value < 0 ? "end" : "start")\">\(svgEscape(shown))</text>"
            } else {
                shown = missingText
                row += "<text class=\"value missing\" x=\"\(svgNumber(zero + 4))\" y=\"\(middle)\" dy=\"0.32em\" "
                    + "fill=\"\(Palette.muted)\">\(svgEscape(missingText))</text>"
            }
            return "<g class=\"bar\" data-id=\"\(svgEscape(bar.id))\"><title>\(svgEscape("\(bar.label): \(shown)"))</title>\(row)</g>"
        }
    }
}
