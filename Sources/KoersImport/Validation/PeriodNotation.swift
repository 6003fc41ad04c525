import KoersCore

/// Periods as statistical offices write them, in Koers's notation: `2020`, `2020-Q3`, `2020Q3`, `2020K3`, `2020M07`,
/// `2020-07`, `2020-07-01`, `2020/2022`, `2015 Q4`, and Statbel's Dutch `4de kwartaal 2018`. Anything else is not a
/// period.
public enum PeriodNotation {
    public static func parse(_ text: String) -> Period? {
        let t = text.trimmingSpaces
        if let p = Period(t) { return p }
        // "1ste kwartaal 2020", "4de kwartaal 2018".
        let words = t.lowercased().split(separator: " ")
        if words.count == 3, words[1] == "kwartaal", let q = words[0].first, ("1"..."4").contains(q), words[2].count == 4 {
            return Period("\(words[2])-Q\(q)")
        }
        // 2020Q3, 2020-K3, 2020K3 (Dutch "kwartaal"), 2020M07, 2020-M07.
        let upper = t.uppercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: " ", with: "")
        guard upper.count >= 6, upper.prefix(4).allSatisfy(\.isNumber) else { return nil }
        let year = upper.prefix(4), kind = upper.dropFirst(4).first!, rest = upper.dropFirst(5)
        switch kind {
        case "Q", "K": return rest.count == 1 ? Period("\(year)-Q\(rest)") : nil
        case "M": return rest.count == 2 ? Period("\(year)-\(rest)") : nil
        default: return nil
        }
    }
}
