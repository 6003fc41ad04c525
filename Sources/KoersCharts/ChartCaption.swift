/// What every chart needs to be accessible and to live beside other charts on one page: the id prefix that keeps
/// element ids unique, the `<title>` and the `<desc>` (a sentence summarising the data for screen readers).
public struct ChartCaption: Sendable, Hashable {
    public var idPrefix: String
    public var title: String
    public var description: String

    public init(idPrefix: String, title: String, description: String) {
        self.idPrefix = idPrefix
        self.title = title
        self.description = description
    }

    /// The prefix as a valid XML name: other characters become "-", and a leading non-letter gets a "c" in front.
    var safePrefix: String {
        let cleaned = String(idPrefix.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
        guard let first = cleaned.first, first.isLetter else { return "c" + cleaned }
        return cleaned
    }

    /// An element id under this chart's prefix.
    func id(_ name: String) -> String { "\(safePrefix)-\(name)" }

    /// The outer `<svg>` with a viewBox (so it scales to its container), `role="img"` and the title and description
    /// it is labelled by, around `body`. A chart whose parts are links is a `group` instead: an image may not hold
    /// links (they would be hidden from keyboard and screen-reader users).
    func document(width: Double, height: Double, body: String) -> String {
        let titleID = id("title"), descID = id("desc")
        let role = body.contains("<a ") ? "group" : "img"
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(svgNumber(width)) \(svgNumber(height))\" "
            + "width=\"100%\" role=\"\(role)\" aria-labelledby=\"\(titleID) \(descID)\" "
            + "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"13\">"
            + "<title id=\"\(titleID)\">\(svgEscape(title))</title><desc id=\"\(descID)\">\(svgEscape(description))</desc>"
            + body + "</svg>"
    }
}
