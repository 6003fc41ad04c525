/// Belgian Dutch number format as Koers's views give it to the charts: "7.719", "1.234,5", "-0,5".
func dutch(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e15 else { return "\(value)" }
    let tenths = Int((value * 10).rounded()), magnitude = tenths.magnitude
    var whole = String(magnitude / 10), grouped = ""
    while whole.count > 3 {
        grouped = "." + whole.suffix(3) + grouped
        whole.removeLast(3)
    }
    return (tenths < 0 ? "-" : "") + whole + grouped + (magnitude % 10 == 0 ? "" : ",\(magnitude % 10)")
}
