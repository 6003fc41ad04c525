/// A map colouring each area by its value in quantile classes, with a legend below it. Areas without a value are
/// hatched grey and get a legend entry of their own.
public struct ChoroplethMap: Sendable, Hashable {
    public var boundaries: Boundaries
    /// Values by feature id; ids not on the map are ignored.
    public var values: [String: Double]
    /// Links by feature id (the area's page).
    public var hrefs: [String: String]
    /// The reader's area, outlined on top.
    public var highlighted: String?
    public var width: Double

    public init(boundaries: Boundaries, values: [String: Double], hrefs: [String: String] = [:], highlighted: String? = nil,
                width: Double = 640) {
        self.boundaries = boundaries
        self.values = values
        self.hrefs = hrefs
        self.highlighted = highlighted
        self.width = width
    }

    /// The classes of the values of the areas on the map.
    public var classes: QuantileClasses {
        QuantileClasses(values: boundaries.features.compactMap { values[$0.id] })
    }

    /// `format` writes values in tooltips and legend; `noDataLabel` names areas without a value ("geen gegevens").
    public func svg(caption: ChartCaption, format: (Double) -> String, noDataLabel: String) -> String {
        let width = drawableLength(width, minimum: 160, fallback: 640), margin = 8.0, rowHeight = 20.0
        let points = boundaries.features.flatMap { $0.polygons.joined().joined() }
        let mapHeight = MapProjection.height(for: points, width: width, margin: margin)
        let projection = MapProjection(fitting: points, width: width, height: mapHeight, margin: margin)
        let classes = classes, colours = Palette.blues(classes.count), hatch = caption.id("hatch")

        var areas = "", anyMissing = false, outline = ""
        for feature in boundaries.features {
            let d = projection.pathData(feature.polygons)
            let value = values[feature.id].flatMap { $0.isFinite ? $0 : nil }
            anyMissing = anyMissing || value == nil
            let fill = value.map { colours[classes.classIndex(of: $0)] } ?? "url(#\(hatch))"
            let tip = "\(feature.name): \(value.map(format) ?? noDataLabel)"
            let area = "<path class=\"area\" data-id=\"\(svgEscape(feature.id))\" d=\"\(d)\" fill=\"\(fill)\">"
                + "<title>\(svgEscape(tip))</title></path>"
            areas += hrefs[feature.id].map { "<a href=\"\(svgEscape($0))\">\(area)</a>" } ?? area
            if feature.id == highlighted {
                outline = "<path class=\"highlight\" d=\"\(d)\" fill=\"none\" stroke=\"\(Palette.emphasis)\" stroke-width=\"3\" "
                    + "pointer-events=\"none\"/>"
            }
        }

        // The legend: one row per class with its smallest and largest value, then the no-data row.
        var legend = "", row = 0.0
        for (index, bound) in classes.bounds.enumerated() {
            let text = bound.lowerBound == bound.upperBound ? format(bound.lowerBound)
                : "\(format(bound.lowerBound)) – \(format(bound.upperBound))"
            legend += legendRow(y: mapHeight + row * rowHeight, fill: colours[index], text: text)
            row += 1
        }
        if anyMissing {
            legend += legendRow(y: mapHeight + row * rowHeight, fill: "url(#\(hatch))", text: noDataLabel)
            row += 1
        }
        let defs = anyMissing
            ? "<defs><pattern id=\"\(hatch)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"6\" height=\"6\" fill=\"#f0f0f0\"/><path d=\"M0 0V6\" stroke=\"#a6a6a6\" stroke-width=\"1.5\"/></pattern></defs>"
            : ""
        let body = defs
            + "<g class=\"areas\" stroke=\"#fff\" stroke-width=\"0.5\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">\(areas)</g>"
            + outline + "<g class=\"legend\" fill=\"\(Palette.ink)\">\(legend)</g>"
        return caption.document(width: width, height: mapHeight + row * rowHeight + (row > 0 ? margin : 0), body: body)
    }

    private func legendRow(y: Double, fill: String, text: String) -> String {
        "<rect x=\"8\" y=\"\(svgNumber(y + 3))\" width=\"18\" height=\"14\" fill=\"\(fill)\" stroke=\"#8c8c8c\" stroke-width=\"0.5\"/>"
            + "<text x=\"32\" y=\"\(svgNumber(y + 10))\" dy=\"0.32em\">\(svgEscape(text))</text>"
    }
}
