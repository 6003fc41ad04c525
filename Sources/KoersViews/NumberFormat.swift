import Foundation
import KoersCore

/// Numbers, amounts and periods as a Dutch or English reader writes them: 1.234,5 and 1,234.5.
///
/// The digits come from Foundation's `Decimal` (rounded half away from zero on the decimal a document wrote, so
/// 1.005 → "1,01"), the separators and the minus sign are Koers's own, so that output is the same on every platform
/// and locale database and tests can state it exactly. Every finite `Double` is written without trapping: from
/// 10¹⁵ on in scientific notation ("9,2 × 10¹⁸"), see docs/decisions/0009-numbers-beyond-fixed-notation.md.
public struct NumberFormat: Sendable {
    public var language: Language

    public init(_ language: Language) { self.language = language }

    private var groupSeparator: String { language == .nl ? "." : "," }
    private var decimalSeparator: String { language == .nl ? "," : "." }

    /// From this magnitude on, numbers are written in scientific notation: a double holds 15–17 significant digits,
    /// so fixed notation would show digits the value does not have (and 19 grouped digits nobody reads).
    public static let scientificFrom = 1e15

    /// The most decimals a fixed rendering writes; more would exceed what a double holds.
    static let maxDecimals = 15

    /// `value` with exactly `decimals` decimals (rounded half away from zero) and grouped thousands; from 10¹⁵ on in
    /// scientific notation.
    public func number(_ value: Double, decimals: Int = 0) -> String {
        fixed(value, decimals: decimals)?.text ?? "–"
    }

    /// The shortest faithful rendering of a number from a document: 75.4 → "75,4", 7719 → "7.719". A value too small
    /// to show in six decimals is written in scientific notation rather than as a zero it is not.
    public func plain(_ value: Double) -> String {
        guard let written = fixed(value, decimals: Self.significantDecimals(value)) else { return "–" }
        return written.isZero && value != 0 ? scientific(value) : written.text
    }

    /// How many decimals a value needs to be written exactly (up to 6).
    public static func significantDecimals(_ value: Double) -> Int {
        guard value.isFinite, abs(value) < scientificFrom else { return 0 }
        var scale = 1.0
        for d in 0...6 {
            let scaled = value * scale
            if abs(scaled - scaled.rounded()) < 1e-9 * max(1, abs(scaled)) { return d }
            scale *= 10
        }
        return 6
    }

    /// `value` in fixed notation, and whether it rounded to zero; nil when it is not finite. Large magnitudes go to
    /// `scientific`.
    private func fixed(_ value: Double, decimals: Int) -> (text: String, isZero: Bool)? {
        guard value.isFinite else { return nil }
        if abs(value) >= Self.scientificFrom { return (scientific(value), false) }
        let decimals = min(max(decimals, 0), Self.maxDecimals)
        // Swift writes the shortest decimal that reads back as the same double ("1.005", not 1.00499999…), which is
        // the number the document wrote; `Decimal` rounds that text. Below 10⁻²⁰ a value rounds to zero at any
        // precision used here (and `Decimal`'s exponent would not reach 5e-324).
        let magnitude = abs(value)
        var exact = magnitude < 1e-20 ? Decimal.zero : Decimal(string: "\(magnitude)", locale: Self.posix) ?? Decimal(magnitude)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, decimals, .plain)
        let parts = rounded.description.split(separator: ".", omittingEmptySubsequences: false)
        var digits = Substring(parts[0])
        var grouped = ""
        while digits.count > 3 {
            grouped = groupSeparator + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = String(digits) + grouped
        if decimals > 0 {
            let fraction = parts.count > 1 ? String(parts[1]) : ""
            grouped += decimalSeparator + fraction + String(repeating: "0", count: decimals - fraction.count)
        }
        let isZero = rounded.isZero
        return ((value < 0 && !isZero ? "−" : "") + grouped, isZero)
    }

    /// `value` as "1,7976931348623157 × 10³⁰⁸": the shortest digits that read back as the same double (so nothing is
    /// rounded away), with Koers's decimal separator and minus sign and a superscript exponent.
    public func scientific(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        guard value != 0 else { return "0" }
        let (digits, exponent) = Self.decimalDigits(abs(value))
        var mantissa = String(digits.prefix(1))
        if digits.count > 1 { mantissa += decimalSeparator + digits.dropFirst() }
        let power = String(exponent).map { Self.superscripts[$0] ?? $0 }
        return (value < 0 ? "−" : "") + mantissa + "\u{00A0}×\u{00A0}10" + String(power)
    }

    /// The significant digits of a positive finite `magnitude` (no leading or trailing zeros) and the power of ten of
    /// the first, from Swift's shortest round-trip rendering ("1.7976931348623157e+308", "1000000000000000.0").
    static func decimalDigits(_ magnitude: Double) -> (digits: String, exponent: Int) {
        let text = "\(magnitude)"
        let parts = text.split(separator: "e")
        var exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let pieces = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        let whole = pieces[0], fraction = pieces.count > 1 ? pieces[1] : ""
        var digits = Array(whole + fraction)
        exponent += whole.count - 1
        while digits.count > 1, digits.first == "0" { digits.removeFirst(); exponent -= 1 }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        return (String(digits), exponent)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")
    private static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
    ]

    /// A value with its unit: "75,4 %", "2.391", "686,5 per km²".
    public func value(_ value: Double, unit: KoersCore.Unit, decimals: Int? = nil) -> String {
        let text = decimals.map { number(value, decimals: max($0, Self.significantDecimals(value))) } ?? plain(value)
        let symbol = unit.symbol.text(in: language)
        switch unit {
        case .percent: return text + "\u{00A0}%"
        case .eur: return "€\u{00A0}" + text
        default: return symbol.isEmpty ? text : text + "\u{00A0}" + symbol
        }
    }

    /// A percentage change with its sign: "+25 %", "−20 %".
    public func change(_ percent: Double) -> String {
        (percent > 0 ? "+" : "") + number(percent, decimals: Self.significantDecimals(percent)) + "\u{00A0}%"
    }

    /// An amount in euro, exact: "€ 2.500.000".
    public func euro(_ amount: Double) -> String { "€\u{00A0}" + number(amount, decimals: Self.significantDecimals(amount)) }

    /// A period in words: "2016", "1e semester 2020" / "H1 2020", "3e kwartaal 2020" / "Q3 2020", "juli 2020",
    /// "week 5 van 2020" / "week 5 of 2020", "schooljaar 2019–2020" / "school year 2019–2020" ("boekjaar" / "fiscal
    /// year" with `yearSpans: .fiscal`), "2009–2017", "juli 2020 – augustus 2020".
    public func period(_ period: Period) -> String { self.period(period, yearSpans: .school) }

    /// As `indicator` reads its periods: "boekjaar 2017–2018" for a fiscal-year series.
    public func period(_ period: Period, of indicator: Indicator?) -> String {
        self.period(period, yearSpans: indicator?.periods.yearSpans ?? .school)
    }

    public func period(_ period: Period, yearSpans: YearSpanKind) -> String {
        let nl = language == .nl
        switch period {
        case .range(.year(let a), .year(let b)): return "\(a)–\(b)"
        case .year(let y): return String(y)
        case .semester(let y, let h): return nl ? "\(h)e semester \(y)" : "H\(h) \(y)"
        case .week(let y, let w): return nl ? "week \(w) van \(y)" : "week \(w) of \(y)"
        case .splitYear(let y, _):
            let words = yearSpans == .fiscal ? (nl ? "boekjaar" : "fiscal year") : (nl ? "schooljaar" : "school year")
            return "\(words) \(y)–\(y + 1)"
        case .quarter(let y, let q): return language == .nl ? "\(q)e kwartaal \(y)" : "Q\(q) \(y)"
        case .month(let y, let m): return "\(Self.months[language]![m - 1]) \(y)"
        case .day(let y, let m, let d): return language == .nl ? "\(d) \(Self.months[.nl]![m - 1]) \(y)" : "\(d) \(Self.months[.en]![m - 1]) \(y)"
        case .range(let a, let b): return "\(self.period(a)) – \(self.period(b))"
        }
    }

    static let months: [Language: [String]] = [
        .nl: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
        .en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    ]
}
