import KoersCore

/// A target's baseline and goal in words, e.g. "7.719 (2017)" → "6.000 in 2030".
public struct TargetText {
    let format: NumberFormat
    let unit: Unit
    let indicator: Indicator?

    public init(language: Language, indicator: Indicator?) {
        format = NumberFormat(language)
        unit = indicator?.unit ?? .count
        self.indicator = indicator
    }

    private var nl: Bool { format.language == .nl }

    /// A number as the document states it: "80 %", not "80,0 %" (the indicator's decimals are for tables of data).
    public func value(_ v: Double) -> String { format.value(v, unit: unit) }

    public func baseline(_ b: Baseline) -> String {
        let period = format.period(b.period, of: indicator)
        guard let v = b.value else { return nl ? "geen waarde vermeld (\(period))" : "no value stated (\(period))" }
        return b.period.isRange ? (nl ? "gemiddeld \(value(v)) (\(period))" : "average \(value(v)) (\(period))")
                                : "\(value(v)) (\(period))"
    }

    public func goal(_ g: Goal) -> String {
        let period = format.period(g.period, of: indicator)
        switch g {
        case .absolute(let v, _), .share(let v, _):
            return nl ? "\(value(v)) in \(period)" : "\(value(v)) in \(period)"
        case .relative(let p, _):
            return nl ? "\(format.change(p)) tegen \(period)" : "\(format.change(p)) by \(period)"
        case .maintain(let v, _):
            return nl ? "\(value(v)) behouden tot \(period)" : "maintain \(value(v)) until \(period)"
        case .average(let v, _):
            return nl ? "gemiddeld \(value(v)) over \(period)" : "average \(value(v)) over \(period)"
        case .direction(let d, _):
            let word = d == .up ? (nl ? "stijging" : "increase") : (nl ? "daling" : "decrease")
            return nl ? "\(word) tegen \(period)" : "\(word) by \(period)"
        }
    }
}
