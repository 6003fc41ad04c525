/// A period an observation or a target refers to: every kind has a first and a last day.
///
/// Koers's canonical notation, one per kind (what the store keeps, the API's `period` and query parameters):
/// - a year `2016`, a semester `2020-S1`, a quarter `2020-Q3`, a month `2020-07`, an ISO 8601 week `2020-W05`, a day
///   `2020-07-01` (a reference date: "RSZ op 31/12");
/// - a year that starts on another day than 1 January (a school year, a fiscal year), as an ISO 8601 interval of one
///   year from its first day: `2019-09-01/P1Y` is school year 2019–2020, `2017-04-01/P1Y` Canada's fiscal 2017–18.
///   People read and write it as `2019-2020` or `2017-18` (`written(shortYearSpans:)`, `PeriodSettings`);
/// - a range of two periods of the same kind, both ends inclusive: `2009/2017` (the Streekvisie's "gemiddeld 9,2 %
///   in de periode 2009–2017"), `2020-07/2020-08` (the masterplan's "juli/augustus 2020").
///
/// Publishers' notations (`2019-20`, `31/12/2019`, `Q3 2020`…) are read by KoersImport's `PeriodNotation`.
public enum Period: Sendable, Hashable {
    case year(Int)
    /// Half `half` (1 or 2) of the year, as SDMX writes it: `2020-S1`.
    case semester(year: Int, half: Int)
    case quarter(year: Int, quarter: Int)
    case month(year: Int, month: Int)
    /// ISO 8601 week `week` of ISO year `year`: Monday to Sunday; week 1 is the week with the year's first Thursday,
    /// so 2020-W01 starts on Monday 30 December 2019.
    case week(year: Int, week: Int)
    case day(year: Int, month: Int, day: Int)
    /// The year-long period from `start` in `year` to the day before it in `year + 1`.
    case splitYear(year: Int, start: YearStart)
    /// From the start of the first to the end of the second; both of the same kind, neither a range nor a split year.
    indirect case range(Period, Period)

    /// Parses the canonical notation; returns nil for anything else (callers report the offending text).
    public init?(_ text: String) {
        let t = Substring(text)
        if t.hasSuffix(Period.oneYear) {
            guard let first = Day(String(t.dropLast(Period.oneYear.count))),
                  let start = YearStart(month: first.month, day: first.day), start != .january1 else { return nil }
            self = .splitYear(year: first.year, start: start)
            return
        }
        if let slash = t.firstIndex(of: "/") {
            guard let a = Period(String(t[..<slash])), let b = Period(String(t[t.index(after: slash)...])),
                  a.kind == b.kind, a.kind.canBeRangeEnd, a.end < b.start else { return nil }
            self = .range(a, b)
            return
        }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard let y = Period.parseYear(parts[0]) else { return nil }
        switch parts.count {
        case 1:
            self = .year(y)
        case 2 where parts[1].count == 2 && "Qq".contains(parts[1].first!):
            guard let q = Int(parts[1].dropFirst()), (1...4).contains(q) else { return nil }
            self = .quarter(year: y, quarter: q)
        case 2 where parts[1].count == 2 && "Ss".contains(parts[1].first!):
            guard let h = Int(parts[1].dropFirst()), (1...2).contains(h) else { return nil }
            self = .semester(year: y, half: h)
        case 2 where parts[1].count == 3 && "Ww".contains(parts[1].first!):
            guard parts[1].dropFirst().allSatisfy(\.isASCII), let w = Int(parts[1].dropFirst()),
                  (1...Period.isoWeeks(in: y)).contains(w) else { return nil }
            self = .week(year: y, week: w)
        case 2:
            guard parts[1].count == 2, parts[1].allSatisfy(\.isASCII), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            self = .month(year: y, month: m)
        case 3:
            guard parts[1].count == 2, parts[2].count == 2, (parts[1] + parts[2]).allSatisfy(\.isASCII),
                  let m = Int(parts[1]), let d = Int(parts[2]),
                  (1...12).contains(m), (1...Period.daysIn(year: y, month: m)).contains(d) else { return nil }
            self = .day(year: y, month: m, day: d)
        default:
            return nil
        }
    }

    /// The ISO 8601 duration that marks a split year in the canonical notation.
    static let oneYear = "/P1Y"

    /// A year Koers accepts: four ASCII digits from 1800 to 2200 (a wider span is a typo in a statistical series).
    public static func parseYear(_ s: Substring) -> Int? {
        guard s.count == 4, s.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(s), y >= 1800, y <= 2200 else { return nil }
        return y
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// 53 when the ISO year has a week 53 (it starts on a Thursday, or on a Wednesday in a leap year), else 52.
    public static func isoWeeks(in year: Int) -> Int {
        let jan1 = Day(year: year, month: 1, day: 1).weekday
        return jan1 == 4 || (jan1 == 3 && isLeap(year)) ? 53 : 52
    }

    /// The Monday that starts ISO week 1 of `year`: the week that holds 4 January.
    static func isoWeekOne(_ year: Int) -> Day {
        let jan4 = Day(year: year, month: 1, day: 4)
        return Day(ordinal: jan4.ordinal - (jan4.weekday - 1))
    }

    /// The first day of the period.
    public var start: Day {
        switch self {
        case .year(let y): Day(year: y, month: 1, day: 1)
        case .semester(let y, let h): Day(year: y, month: h == 1 ? 1 : 7, day: 1)
        case .quarter(let y, let q): Day(year: y, month: (q - 1) * 3 + 1, day: 1)
        case .month(let y, let m): Day(year: y, month: m, day: 1)
        case .week(let y, let w): Day(ordinal: Period.isoWeekOne(y).ordinal + (w - 1) * 7)
        case .day(let y, let m, let d): Day(year: y, month: m, day: d)
        case .splitYear(let y, let s): s.day(in: y)
        case .range(let a, _): a.start
        }
    }

    /// The last day of the period.
    public var end: Day {
        switch self {
        case .year(let y): Day(year: y, month: 12, day: 31)
        case .semester(let y, let h): Day(year: y, month: h * 6, day: h == 1 ? 30 : 31)
        case .quarter(let y, let q): Day(year: y, month: q * 3, day: Period.daysIn(year: y, month: q * 3))
        case .month(let y, let m): Day(year: y, month: m, day: Period.daysIn(year: y, month: m))
        case .week: Day(ordinal: start.ordinal + 6)
        case .day(let y, let m, let d): Day(year: y, month: m, day: d)
        case .splitYear(let y, let s): Day(ordinal: s.day(in: y + 1).ordinal - 1)
        case .range(_, let b): b.end
        }
    }

    /// The calendar year the period ends in: what a yearly comparison of a plan's target uses ("in 2030").
    public var endYear: Int { end.year }

    /// The day that stands for the period on a time axis and in the progress methods: its first, middle or last day
    /// (the middle of an even number of days is the earlier of the two middle days).
    public func day(at position: PeriodPosition) -> Day {
        switch position {
        case .start: start
        case .end: end
        case .middle: Day(ordinal: (start.ordinal + end.ordinal) / 2)
        }
    }

    /// The period's position as a year with a fraction (2020.0 is 1 January 2020): where a chart draws it.
    public func decimalYear(at position: PeriodPosition) -> Double {
        let d = day(at: position)
        let first = Day(year: d.year, month: 1, day: 1).ordinal
        return Double(d.year) + Double(d.ordinal - first) / Double(Period.isLeap(d.year) ? 366 : 365)
    }

    /// Where charts draw the period, in years. A calendar year stands on its own tick (2019.0: the tick labelled 2019
    /// is that year); half years, quarters, months and weeks at their first day, as their labels read; a day on
    /// itself; a school or fiscal year and a multi-year range at the day the indicator's position picks.
    public func axisYear(at position: PeriodPosition) -> Double {
        switch self {
        case .year(let y): Double(y)
        case .semester, .quarter, .month, .week: decimalYear(at: .start)
        case .day, .splitYear, .range: decimalYear(at: position)
        }
    }

    /// The whole year the period counts as in the progress methods, which work in years: a calendar year is itself;
    /// a school or fiscal year, a multi-year range and a reference date (31/12/2019) count in the year of the day the
    /// indicator's position picks (school year 2019–2020 at its end: 2020). Periods shorter than a year are not a
    /// year's value: nil.
    public func progressYear(at position: PeriodPosition) -> Int? {
        switch self {
        case .year(let y): y
        case .day, .splitYear, .range: day(at: position).year
        case .semester, .quarter, .month, .week: nil
        }
    }

    /// The year a plan's baseline or target period stands for, beside the indicator's values: a range is a deadline or
    /// an averaging window and counts at its end ("2020–2030": 2030); any other period as its values do.
    public func targetYear(at position: PeriodPosition) -> Int {
        if case .range = self { return endYear }
        return progressYear(at: position) ?? endYear
    }
}

/// The first day of a year that does not start on 1 January: 1 September for a school year, 1 April for Canada's
/// fiscal year. Written `--09-01` as in ISO 8601 and SDMX's `REPORTING_YEAR_START_DAY`.
public struct YearStart: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let month: Int
    public let day: Int

    /// nil for a day no year has (31 April); 29 February is refused too, since most years lack it.
    public init?(month: Int, day: Int) {
        guard (1...12).contains(month), (1...Period.daysIn(year: 2001, month: month)).contains(day) else { return nil }
        self.month = month
        self.day = day
    }

    public static let january1 = YearStart(month: 1, day: 1)!
    /// The Flemish school year's first day, Koers's default for a year written `2019-2020`.
    public static let september1 = YearStart(month: 9, day: 1)!

    /// Parses `--09-01` or `09-01`.
    public init?(_ text: String) {
        let t = text.hasPrefix("--") ? text.dropFirst(2) : Substring(text)
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let m = Int(parts[0]), let d = Int(parts[1]) else { return nil }
        self.init(month: m, day: d)
    }

    public func day(in year: Int) -> Day { Day(year: year, month: month, day: day) }

    public var description: String { "--\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)" }

    public static func < (a: YearStart, b: YearStart) -> Bool { (a.month, a.day) < (b.month, b.day) }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeText("a year's first day (--MM-DD)", YearStart.init)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Where a period longer than a day sits on a time axis and in the progress methods (an indicator's setting).
public enum PeriodPosition: String, Sendable, Hashable, Codable, CaseIterable {
    /// Its first day: Open SDG's choice (its build reads `2014/2015` as 2014).
    case start
    /// Its middle day: a five-year average 2010–2015 drawn halfway.
    case middle
    /// Its last day: school year 2019–2020 counts for 2020, as a target "in 2030" is met at the end of 2030.
    case end
}

/// The kinds of period, to keep both ends of a range alike and to refuse adding values of different kinds.
public enum PeriodKind: String, Sendable, Hashable, CaseIterable {
    case year, semester, quarter, month, week, day
    case splitYear = "split-year"
    case range

    /// Whether a range may start and end with a period of this kind (a range of split years has no notation).
    var canBeRangeEnd: Bool { self != .range && self != .splitYear }

    /// The kind in a sentence: "years", "school or fiscal years".
    public var plural: LocalizedText {
        switch self {
        case .year: LocalizedText(nl: "jaren", en: "years")
        case .semester: LocalizedText(nl: "semesters", en: "semesters")
        case .quarter: LocalizedText(nl: "kwartalen", en: "quarters")
        case .month: LocalizedText(nl: "maanden", en: "months")
        case .week: LocalizedText(nl: "weken", en: "weeks")
        case .day: LocalizedText(nl: "dagen", en: "days")
        case .splitYear: LocalizedText(nl: "school- of boekjaren", en: "school or fiscal years")
        case .range: LocalizedText(nl: "meerjarige periodes", en: "multi-year periods")
        }
    }
}

extension Period {
    public var kind: PeriodKind {
        switch self {
        case .year: .year
        case .semester: .semester
        case .quarter: .quarter
        case .month: .month
        case .week: .week
        case .day: .day
        case .splitYear: .splitYear
        case .range: .range
        }
    }

    /// Whether the period is a range (`2009/2017`).
    public var isRange: Bool { kind == .range }

    /// How Koers writes the period in downloads and tables: the canonical notation, except a split year, written as
    /// its two years, `2019-2020`, or `2019-20` with `shortYearSpans` (as the publisher wrote it, where the indicator
    /// says so).
    public func written(shortYearSpans: Bool = false) -> String {
        guard case .splitYear(let y, _) = self else { return description }
        let next = y + 1
        return shortYearSpans ? "\(y)-\(next % 100 < 10 ? "0" : "")\(next % 100)" : "\(y)-\(next)"
    }
}

extension Period: CustomStringConvertible, Comparable, Codable {
    public var description: String {
        switch self {
        case .year(let y): String(y)
        case .semester(let y, let h): "\(y)-S\(h)"
        case .quarter(let y, let q): "\(y)-Q\(q)"
        case .month(let y, let m): "\(y)-\(m < 10 ? "0" : "")\(m)"
        case .week(let y, let w): "\(y)-W\(w < 10 ? "0" : "")\(w)"
        case .day(let y, let m, let d): "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
        case .splitYear(let y, let s): "\(s.day(in: y))\(Period.oneYear)"
        case .range(let a, let b): "\(a)/\(b)"
        }
    }

    /// Ordered by start, then by end: 2016 < 2016-Q1 is false; ranges sort by where they begin.
    public static func < (a: Period, b: Period) -> Bool {
        (a.start, a.end) < (b.start, b.end)
    }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeText("a period", Period.init)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A calendar day, without time zone: the granularity of region validity and period bounds.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: String) {
        guard case .day(let y, let m, let d)? = Period(text) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1 January 1970 (negative before), in the proleptic Gregorian calendar: for day arithmetic.
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil, with March as the first month so that leap days fall at a year's end.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `ordinal` days after 1 January 1970.
    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: era * 400 + yearOfEra + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// ISO 8601 weekday: 1 is Monday, 7 is Sunday (1 January 1970 was a Thursday).
    public var weekday: Int {
        let r = (ordinal + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }
}

extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeText("a date", Day.init)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension Decoder {
    /// Decodes a value written as text in its canonical notation (`2020-Q3`, `2025-01-01`).
    func decodeText<T>(_ what: String, _ parse: (String) -> T?) throws -> T {
        let text = try singleValueContainer().decode(String.self)
        guard let value = parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "not \(what): \(text)"))
        }
        return value
    }
}
