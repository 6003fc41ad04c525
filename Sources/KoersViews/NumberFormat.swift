import KoersCore

/// Numbers, amounts and periods as a Dutch or English reader writes them: 1.234,5 and 1,234.5.
///
/// Written by hand rather than with Foundation's formatters so that output is the same on every platform and
/// locale database, and so that tests can state it exactly.
public struct NumberFormat: Sendable {
    public var language: Language

    public init(_ language: Language) { self.language = language }

    private var groupSeparator: String { language == .nl ? "." : "," }
    private var decimalSeparator: String { language == .nl ? "," : "." }

    /// `value` with exactly `decimals` decimals (rounded half away from zero) and grouped thousands.
    public func number(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let whole = Int64(scaled / scale)
        let fraction = Int64(scaled - Double(whole) * scale)
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = groupSeparator + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        if decimals > 0 {
            let f = String(fraction)
            grouped += decimalSeparator + String(repeating: "0", count: decimals - f.count) + f
        }
        let isZero = scaled == 0
        return (value < 0 && !isZero ? "−" : "") + grouped
    }

    /// The shortest faithful rendering of a number from a document: 75.4 → "75,4", 7719 → "7.719".
    public func plain(_ value: Double) -> String {
        number(value, decimals: Self.significantDecimals(value))
    }

    /// How many decimals a value needs to be written exactly (up to 6).
    public static func significantDecimals(_ value: Double) -> Int {
        var scale = 1.0
        for d in 0...6 {
            let scaled = value * scale
            if abs(scaled - scaled.rounded()) < 1e-9 * max(1, abs(scaled)) { return d }
            scale *= 10
        }
        return 6
    }

    /// A value with its unit: "75,4 %", "2.391", "686,5 per km²".
    public func value(_ value: Double, unit: Unit, decimals: Int? = nil) -> String {
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

    /// A period in words: "2016", "2020 K3" / "Q3 2020", "juli 2020", "2009–2017", "juli 2020 – augustus 2020".
    public func period(_ period: Period) -> String {
        switch period {
        case .range(.year(let a), .year(let b)): return "\(a)–\(b)"
        case .year(let y): return String(y)
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
