import KoersCore
import KoersProgress

/// A verdict in one or two sentences a policy maker reads in ten seconds, generated from the numbers behind it:
/// "Het aantal werkzoekenden daalde van 7.719 (2017) naar 6.900 (2023); om 6.000 te halen in 2030 moet het jaarlijks
/// met 1,9 % dalen; het daalt met 1,9 % per jaar."
///
/// Growth rates (compound, per year) for amounts; for percentages the change in percentage points, never a percent of
/// a percent.
public struct ProgressExplanation: Sendable {
    public var format: NumberFormat

    public init(_ language: Language) { format = NumberFormat(language) }

    private var nl: Bool { format.language == .nl }

    public func text(_ assessment: ProgressAssessment, indicator: Indicator) -> String {
        let value = { (v: Double) in format.value(v, unit: indicator.unit, decimals: indicator.decimals) }
        // Computed numbers (the path, the projection) to the indicator's decimals, not to every digit.
        let scale = (0..<indicator.decimals).reduce(1.0) { r, _ in r * 10 }
        let computed = { (v: Double) in value((v * scale).rounded(.toNearestOrAwayFromZero) / scale) }
        guard let n = assessment.numbers, assessment.reason == nil else {
            let latest = assessment.numbers.map { n in
                nl ? " (laatste waarde: \(value(n.currentValue)) in \(n.currentYear))" : " (latest value: \(value(n.currentValue)) in \(n.currentYear))"
            } ?? ""
            return (nl ? "Geen oordeel: " : "No verdict: ") + reason(assessment.reason) + latest + "."
        }
        let name = indicator.name.text(in: format.language)
        let moved = n.currentValue > n.baseValue ? (nl ? "steeg" : "rose") : n.currentValue < n.baseValue ? (nl ? "daalde" : "fell")
            : (nl ? "bleef" : "stayed at")
        var text = nl
            ? "\(name) \(moved) van \(value(n.baseValue)) (\(n.baseYear)) naar \(value(n.currentValue)) (\(n.currentYear))"
            : "\(name) \(moved) from \(value(n.baseValue)) (\(n.baseYear)) to \(value(n.currentValue)) (\(n.currentYear))"
        if n.currentValue == n.baseValue {
            text = nl ? "\(name) bleef \(value(n.baseValue)) van \(n.baseYear) tot \(n.currentYear)"
                : "\(name) stayed at \(value(n.baseValue)) from \(n.baseYear) to \(n.currentYear)"
        }
        if let target = n.target, let year = n.targetYear {
            if assessment.status == .targetAchieved {
                text += nl ? "; de doelwaarde \(value(target)) voor \(year) is bereikt" : "; the target of \(value(target)) for \(year) is reached"
            } else if let required = yearly(n.requiredGrowthRate, n.requiredYearlyChange, indicator) {
                text += nl ? "; om \(value(target)) te halen in \(year) moet het jaarlijks \(required)"
                    : "; to reach \(value(target)) in \(year) it must \(required) a year"
            }
        }
        if let actual = yearly(n.actualGrowthRate, n.actualYearlyChange, indicator) {
            text += nl ? "; het \(present(actual)) per jaar" : "; it \(presentEnglish(actual)) a year"
        }
        if let expected = n.expectedToday {
            text += nl ? " (op een rechte lijn naar het doel was \(computed(expected)) verwacht in \(n.currentYear))"
                : " (a straight line to the target would be at \(computed(expected)) in \(n.currentYear))"
        }
        if let low = n.projectionLow, let high = n.projectionHigh, let year = n.targetYear {
            text += nl ? "; de trend geeft \(computed(low)) tot \(computed(high)) in \(year)" : "; the trend gives \(computed(low)) to \(computed(high)) in \(year)"
            if let p = n.probability {
                text += nl ? ", een kans van \(format.number(p * 100)) % om het doel te halen" : ", a \(format.number(p * 100)) % chance of reaching the target"
            }
        }
        return text + "."
    }

    /// "met 1,9 % stijgen" / "rise by 1.9 %"; for percentages "met 0,4 procentpunt stijgen".
    private func yearly(_ rate: Double?, _ change: Double?, _ indicator: Indicator) -> String? {
        let amount: Double, unit: String
        if indicator.unit != .percent, let rate {
            (amount, unit) = (rate * 100, "\u{00A0}%")
        } else if let change {
            (amount, unit) = (change, indicator.unit == .percent ? (nl ? " procentpunt" : " percentage points") : "")
        } else {
            return nil
        }
        let size = format.number(abs(amount), decimals: abs(amount) < 10 ? 1 : 0) + unit
        if amount == 0 { return nl ? "gelijk blijven" : "stay the same" }
        return nl ? "met \(size) \(amount > 0 ? "stijgen" : "dalen")" : "\(amount > 0 ? "rise" : "fall") by \(size)"
    }

    /// "met 1,9 % stijgen" → "stijgt met 1,9 %".
    private func present(_ phrase: String) -> String {
        if phrase.hasSuffix(" stijgen") { return "stijgt " + phrase.dropLast(" stijgen".count) }
        if phrase.hasSuffix(" dalen") { return "daalt " + phrase.dropLast(" dalen".count) }
        return "blijft gelijk"
    }

    /// "rise by 1.9 %" → "rises by 1.9 %".
    private func presentEnglish(_ phrase: String) -> String {
        if phrase.hasPrefix("rise ") { return "rises " + phrase.dropFirst("rise ".count) }
        if phrase.hasPrefix("fall ") { return "falls " + phrase.dropFirst("fall ".count) }
        return "stays the same"
    }

    private func reason(_ reason: CannotAssessReason?) -> String {
        guard let reason else { return nl ? "onbekende reden" : "unknown reason" }
        let english = reason.description.replacingOccurrences(of: "cannot assess: ", with: "")
        guard nl else { return english }
        switch reason {
        case .noData: return "geen waarnemingen"
        case .noIndicator: return "de indicator staat niet in de catalogus"
        case let .tooFewPoints(found, needed): return "\(CountedNoun.observation.phrase(found, .nl)), minstens \(needed) nodig"
        case .noTarget: return "geen doelwaarde"
        case .noDirection: return "geen richting en geen doelwaarde"
        case let .stale(latest, asOf): return "de reeks stopt in \(latest) (beoordeeld in \(asOf))"
        case let .targetEqualsBase(v): return "de doelwaarde is gelijk aan de basiswaarde (\(format.plain(v)))"
        case let .zeroOrNegativeBase(v): return "de basiswaarde \(format.plain(v)) is nul of negatief"
        case let .mixedSigns(b, c): return "basiswaarde \(format.plain(b)) en laatste waarde \(format.plain(c)) hebben een verschillend teken"
        default: return english
        }
    }
}
