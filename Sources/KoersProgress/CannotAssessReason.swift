/// Why a method gives no verdict for a series. Every "cannot assess" carries one, so pages and JSON can say why.
public enum CannotAssessReason: Error, Sendable, Hashable, CustomStringConvertible {
    /// No row with a value was left for the series.
    case noData
    /// The target's indicator is not in the catalogue, so no values can be read for it.
    case noIndicator
    /// The method needs `needed` points from the base year on and found `found`.
    case tooFewPoints(found: Int, needed: Int)
    /// Every value is older than the base year.
    case baseYearAfterLatest(baseYear: Int, latestYear: Int)
    /// The base and the latest value lie on either side of zero, so no growth rate exists.
    case mixedSigns(base: Double, current: Double)
    /// A growth rate needs a positive base.
    case zeroOrNegativeBase(Double)
    /// Target and base lie on either side of zero, so no required growth rate exists.
    case targetAcrossZero(base: Double, target: Double)
    /// The target is the base value: no change is required, so no rate of progress can be compared with it.
    case targetEqualsBase(Double)
    /// The target year is not after the base year.
    case targetYearNotAfterBase(baseYear: Int, targetYear: Int)
    /// The method needs a target and the series has none.
    case noTarget
    /// Neither a direction nor a target says which way is better.
    case noDirection
    /// The latest value is from `latestYear`, more than the allowed age before `asOfYear`.
    case stale(latestYear: Int, asOfYear: Int)
    /// Two values for one year.
    case duplicateYear(Int)
    /// A year cell that does not start with a four-digit year. (No text payload: the reason stays a plain value,
    /// cheap to copy in bulk; the data file's own checks point at the cell.)
    case unreadableYear
    /// The selected rows still hold several sub-series (a breakdown, `Series` or `Units` column with more than one
    /// value): the options do not pick one series.
    case severalSubSeries
    /// No option picked a breakdown and there is no headline (rows with every breakdown column empty).
    case noHeadline
    /// The numbers overflow (a growth factor too large to represent).
    case notFinite

    public var description: String {
        switch self {
        case .noData: "cannot assess: no values"
        case .noIndicator: "cannot assess: the indicator is not in the catalogue"
        case let .tooFewPoints(found, needed): "cannot assess: \(found) \(found == 1 ? "point" : "points"), at least \(needed) needed"
        case let .baseYearAfterLatest(base, latest): "cannot assess: the base year \(base) is after the latest value (\(latest))"
        case let .mixedSigns(base, current): "cannot assess: base \(base) and latest value \(current) have different signs"
        case let .zeroOrNegativeBase(base): "cannot assess: the base value \(base) is zero or negative"
        case let .targetAcrossZero(base, target): "cannot assess: base \(base) and target \(target) have different signs"
        case let .targetEqualsBase(value): "cannot assess: the target equals the base value (\(value))"
        case let .targetYearNotAfterBase(base, target): "cannot assess: the target year \(target) is not after the base year \(base)"
        case .noTarget: "cannot assess: no target"
        case .noDirection: "cannot assess: no direction and no target"
        case let .stale(latest, asOf): "cannot assess: the series stopped in \(latest) (assessing \(asOf))"
        case let .duplicateYear(year): "cannot assess: two values for \(year)"
        case .unreadableYear: "cannot assess: a Year cell does not start with a year"
        case .severalSubSeries: "cannot assess: the rows hold several sub-series"
        case .noHeadline: "cannot assess: no headline series"
        case .notFinite: "cannot assess: the numbers overflow"
        }
    }
}
