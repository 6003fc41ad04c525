extension LineChart {
    /// The chart as a standalone, accessible SVG. `xFormat` writes period ticks (plain years by default) and
    /// `yFormat` values, in the reader's language.
    public func svg(caption: ChartCaption, xFormat: (Double) -> String = LineChart.yearLabel,
                    yFormat: (Double) -> String) -> String {
        let layout = layout(yFormat: yFormat)
        return caption.document(width: layout.width, height: layout.height,
                                body: body(layout, xFormat: xFormat, yFormat: yFormat))
    }

    /// The drawing inside the `<svg>`, also used for each panel of small multiples.
    func body(_ l: LineChartLayout, xFormat: (Double) -> String, yFormat: (Double) -> String) -> String {
        var out = axes(l, xFormat: xFormat, yFormat: yFormat)
        if let reference, reference.value.isFinite {
            let y = svgNumber(l.y(reference.value))
            out += "<path class=\"reference\" d=\"M\(svgNumber(l.left)) \(y)H\(svgNumber(l.right))\" stroke=\"\(Palette.muted)\" "
                + "stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>"
                + "<text class=\"reference-label\" x=\"\(svgNumber(l.left + 4))\" y=\"\(svgNumber(l.y(reference.value) - 5))\" "
                + "fill=\"\(Palette.muted)\">\(svgEscape(reference.label))</text>"
        }
        out += projectionBand(l)
        if showsRequiredPath, let baseline, let target {
            out += "<path class=\"required-path\" d=\"M\(point(l, baseline.x, baseline.y))L\(point(l, target.x, target.y))\" "
                + "fill=\"none\" stroke=\"\(Palette.muted)\" stroke-width=\"1.5\" stroke-dasharray=\"8 4\"/>"
        }
        let colours = seriesColours
        // Emphasised series last, so they are drawn on top.
        for index in series.indices.sorted(by: { (series[$0].emphasis ? 1 : 0, $0) < (series[$1].emphasis ? 1 : 0, $1) }) {
            out += line(series[index], colour: colours[index], l, xFormat: xFormat, yFormat: yFormat)
        }
        if let baseline { out += marker(baseline, role: "baseline", radius: 4.5, l) }
        if let target { out += marker(target, role: "target", radius: 6, l) }
        return out + (showsDirectLabels ? directLabels(l, colours: colours) : "")
    }

    /// Emphasised series in black, the others through the Okabe–Ito palette in their given order.
    var seriesColours: [String] {
        var next = 0
        return series.map { series in
            if series.emphasis { return Palette.emphasis }
            defer { next += 1 }
            return Palette.categorical[next % Palette.categorical.count]
        }
    }

    private func point(_ l: LineChartLayout, _ x: Double, _ y: Double) -> String {
        "\(svgNumber(l.x(x))) \(svgNumber(l.y(y)))"
    }

    /// Light grid lines and labels on the y ticks only; the x axis is a baseline with year labels under it.
    private func axes(_ l: LineChartLayout, xFormat: (Double) -> String, yFormat: (Double) -> String) -> String {
        var out = "<g class=\"y-axis\" fill=\"\(Palette.muted)\" text-anchor=\"end\">"
        for tick in l.yAxis.ticks {
            let y = svgNumber(l.y(tick))
            out += "<path d=\"M\(svgNumber(l.left)) \(y)H\(svgNumber(l.right))\" stroke=\"\(tick == 0 ? Palette.muted : Palette.grid)\"/>"
                + "<text x=\"\(svgNumber(l.left - 8))\" y=\"\(y)\" dy=\"0.32em\">\(svgEscape(yFormat(tick)))</text>"
        }
        out += "</g><g class=\"x-axis\" fill=\"\(Palette.muted)\" text-anchor=\"middle\">"
            + "<path d=\"M\(svgNumber(l.left)) \(svgNumber(l.bottom))H\(svgNumber(l.right))\" stroke=\"\(Palette.muted)\"/>"
        for tick in l.xTicks {
            let x = svgNumber(l.x(tick))
            out += "<path d=\"M\(x) \(svgNumber(l.bottom))v4\" stroke=\"\(Palette.muted)\"/>"
                + "<text x=\"\(x)\" y=\"\(svgNumber(l.bottom + fontSize + 5))\">\(svgEscape(xFormat(tick)))</text>"
        }
        return out + "</g>"
    }

    /// The band as a translucent polygon (highs forward, lows back) with its mid line dashed.
    private func projectionBand(_ l: LineChartLayout) -> String {
        let band = projection.filter { $0.x.isFinite && $0.low.isFinite && $0.mid.isFinite && $0.high.isFinite }
        guard !band.isEmpty else { return "" }
        let outline = (band.map { point(l, $0.x, $0.high) } + band.reversed().map { point(l, $0.x, $0.low) })
        // Grey, not a palette colour, so the band is not mistaken for one of the other regions.
        return "<path class=\"band\" d=\"M\(outline.joined(separator: "L"))Z\" fill=\"\(Palette.emphasis)\" fill-opacity=\"0.1\"/>"
            + "<path class=\"projection\" d=\"M\(band.map { point(l, $0.x, $0.mid) }.joined(separator: "L"))\" fill=\"none\" "
            + "stroke=\"\(Palette.ink)\" stroke-width=\"1.5\" stroke-dasharray=\"3 3\"/>"
    }

    /// The line, broken at every gap (runs of one point have no line, only their dot), and a dot per value whose
    /// `<title>` is its tooltip.
    private func line(_ series: LineSeries, colour: String, _ l: LineChartLayout,
                      xFormat: (Double) -> String, yFormat: (Double) -> String) -> String {
        var runs: [[String]] = [[]]
        var dots = ""
        for p in series.points where p.x.isFinite {
            guard let y = p.y, y.isFinite else {
                if !runs[runs.count - 1].isEmpty { runs.append([]) }
                continue
            }
            let (cx, cy) = (svgNumber(l.x(p.x)), svgNumber(l.y(y)))
            runs[runs.count - 1].append("\(cx) \(cy)")
            let tip = "\(series.label), \(p.period ?? xFormat(p.x)): \(yFormat(y))"
            dots += "<circle class=\"point\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(series.emphasis ? "3.5" : "2.5")\"><title>\(svgEscape(tip))</title></circle>"
        }
        let d = runs.filter { $0.count > 1 }.map { "M" + $0.joined(separator: "L") }.joined()
        let path = d.isEmpty ? "" : "<path class=\"line\" d=\"\(d)\" fill=\"none\" stroke-width=\"\(series.emphasis ? "3" : "1.5")\" "
            + "stroke-linejoin=\"round\" stroke-linecap=\"round\"/>"
        return "<g class=\"series\" data-series=\"\(svgEscape(series.id))\" stroke=\"\(colour)\" fill=\"\(colour)\">\(path)\(dots)</g>"
    }

    /// A hollow circle with its label beside it, on the side facing the middle of the plot.
    private func marker(_ m: ChartMarker, role: String, radius: Double, _ l: LineChartLayout) -> String {
        guard m.x.isFinite, m.y.isFinite else { return "" }
        let (x, y) = (l.x(m.x), l.y(m.y))
        let leftward = x > (l.left + l.right) / 2
        let colour = role == "target" ? Palette.emphasis : Palette.muted
        return "<circle class=\"\(role)\" cx=\"\(svgNumber(x))\" cy=\"\(svgNumber(y))\" r=\"\(svgNumber(radius))\" fill=\"#fff\" "
            + "stroke=\"\(colour)\" stroke-width=\"2\"><title>\(svgEscape(m.label))</title></circle>"
            + "<text class=\"\(role)-label\" x=\"\(svgNumber(leftward ? x - radius - 4 : x + radius + 4))\" "
            + "y=\"\(svgNumber(y - radius - 4))\" text-anchor=\"\(leftward ? "end" : "start")\" fill=\"\(Palette.ink)\" "
            + "stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(svgEscape(m.label))</text>"
    }

    /// Each series' label right of its last value, moved apart vertically so no two overlap; a thin leader joins a
    /// moved label to its line.
    private func directLabels(_ l: LineChartLayout, colours: [String]) -> String {
        let ends: [(index: Int, x: Double, y: Double)] = series.indices.compactMap { index in
            guard let last = series[index].points.last(where: { $0.x.isFinite && ($0.y?.isFinite ?? false) }),
                  let y = last.y else { return nil }
            return (index, l.x(last.x), l.y(y))
        }
        let placed = DirectLabels.place(ends.map(\.y), gap: fontSize + 2, top: l.top, bottom: l.bottom)
        var out = "<g class=\"labels\" fill=\"\(Palette.ink)\">"
        for (end, y) in zip(ends, placed) {
            let s = series[end.index]
            if abs(y - end.y) > 2 {
                out += "<path class=\"leader\" d=\"M\(svgNumber(end.x + 4)) \(svgNumber(end.y))L\(svgNumber(end.x + 10)) "
                    + "\(svgNumber(y))\" stroke=\"\(colours[end.index])\"/>"
            }
            out += "<text class=\"label\" x=\"\(svgNumber(end.x + 12))\" y=\"\(svgNumber(y))\" dy=\"0.32em\""
                + (s.emphasis ? " font-weight=\"bold\"" : "")
                + " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(svgEscape(s.label))</text>"
        }
        return out + "</g>"
    }
}
