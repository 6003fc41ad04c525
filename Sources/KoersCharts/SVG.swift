/// Escapes text for SVG/XML content and attribute values.
public func svgEscape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(c)
        }
    }
    return out
}

/// A coordinate as SVG text with at most one decimal. Built from integer tenths so the output never depends on a locale,
/// never uses exponent notation and never holds "NaN", "inf" or "-0"; non-finite input becomes 0 and huge input is
/// clamped (no sensible drawing is a billion pixels wide).
func svgNumber(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    return svgTenths(Int((min(max(value, -1e9), 1e9) * 10).rounded()))
}

/// A number of tenths as SVG text: 123 → "12.3", 120 → "12", -5 → "-0.5".
func svgTenths(_ tenths: Int) -> String {
    let magnitude = tenths.magnitude
    let sign = tenths < 0 ? "-" : ""
    return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
}

/// A rough text width for layout: SVG cannot measure text on the server, and 0.6 em per character is a safe
/// over-estimate for digits and most Latin letters in a sans-serif font.
func estimatedTextWidth(_ text: String, fontSize: Double) -> Double {
    Double(text.count) * fontSize * 0.6
}

/// A caller's width or height made drawable: at least `minimum`, at most 10,000 pixels, `fallback` if not finite.
func drawableLength(_ value: Double, minimum: Double, fallback: Double) -> Double {
    value.isFinite ? min(max(value, minimum), 10_000) : fallback
}
