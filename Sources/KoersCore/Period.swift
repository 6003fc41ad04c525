/// A period an observation or a target refers to.
///
/// Written as `2016`, `2020-Q3`, `2020-07`, `2020-07-01`, or a range of two periods of the same kind, both ends
/// inclusive: `2009/2017` (the Streekvisie's "gemiddeld 9,2 % in de periode 2009–2017"), `2020-07/2020-08` (the
/// masterplan's "juli/augustus 2020").
public enum Period: Sendable, Hashable {
    case year(Int)
    case quarter(year: Int, quarter: Int)
    case month(year: Int, month: Int)
    case day(year: Int, month: Int, day: Int)
    /// From the start of the first to the end of the second; both of the same kind, neither a range.
    indirect case range(Period, Period)

    /// Parses the canonical notation; returns nil for anything else (callers report the offending text).
    public init?(_ text: String) {
        let t = Substring(text)
        if let slash = t.firstIndex(of: "/") {
            guard let a = Period(String(t[..<slash])), let b = Period(String(t[t.index(after: slash)...])),
                  !a.isRange, !b.isRange, a.kind == b.kind, a.end < b.start else { return nil }
            self = .range(a, b)
            return
        }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard let y = Period.year(parts[0]) else { return nil }
        switch parts.count {
        case 1:
            self = .year(y)
        case 2 where parts[1].count == 2 && (parts[1].first == "Q" || parts[1].first == "q"):
            guard let q = Int(parts[1].dropFirst()), (1...4).contains(q) else { return nil }
            self = .quarter(year: y, quarter: q)
        case 2:
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            self = .month(year: y, month: m)
        case 3:
            guard parts[1].count == 2, parts[2].count == 2, let m = Int(parts[1]), let d = Int(parts[2]),
                  (1...12).contains(m), (1...Period.daysIn(year: y, month: m)).contains(d) else { return nil }
            self = .day(year: y, month: m, day: d)
        default:
            return nil
        }
    }

    private static func year(_ s: Substring) -> Int? {
        guard s.count == 4, s.allSatisfy(\.isASCII), let y = Int(s), y >= 1800, y <= 2200 else { return nil }
        return y
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The first day of the period.
    public var start: Day {
        switch self {
        case .year(let y): Day(year: y, month: 1, day: 1)
        case .range(let a, _): a.start
        case .quarter(let y, let q): Day(year: y, month: (q - 1) * 3 + 1, day: 1)
        case .month(let y, let m): Day(year: y, month: m, day: 1)
        case .day(let y, let m, let d): Day(year: y, month: m, day: d)
        }
    }

    /// The last day of the period.
    public var end: Day {
        switch self {
        case .year(let y): Day(year: y, month: 12, day: 31)
        case .range(_, let b): b.end
        case .quarter(let y, let q): Day(year: y, month: q * 3, day: Period.daysIn(year: y, month: q * 3))
        case .month(let y, let m): Day(year: y, month: m, day: Period.daysIn(year: y, month: m))
        case .day(let y, let m, let d): Day(year: y, month: m, day: d)
        }
    }

    /// The calendar year the period ends in: what a yearly comparison of a target uses.
    public var endYear: Int { end.year }
}

extension Period: CustomStringConvertible, Comparable, Codable {
    public var description: String {
        switch self {
        case .year(let y): String(y)
        case .quarter(let y, let q): "\(y)-Q\(q)"
        case .month(let y, let m): "\(y)-\(m < 10 ? "0" : "")\(m)"
        case .day(let y, let m, let d): "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
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

    public var description: String { Period.day(year: year, month: month, day: day).description }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: String) {
        guard case .day(let y, let m, let d)? = Period(text) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

extension Period {
    /// Whether the period is a multi-year range (`2009/2017`).
    public var isRange: Bool {
        if case .range = self { return true }
        return false
    }

    /// The granularity, to keep both ends of a range alike.
    var kind: Int {
        switch self {
        case .year: 0
        case .quarter: 1
        case .month: 2
        case .day: 3
        case .range: 4
        }
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
