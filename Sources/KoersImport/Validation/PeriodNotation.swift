import KoersCore

/// Which way a date of three numbers is written: Belgian files write `01/02/2020` for 1 February, American ones for
/// 2 January. A cell that fits both is refused unless the import says which (`--dates`, `dates:` in the mapping).
public enum DateOrder: String, Sendable, Hashable, CaseIterable {
    case dayMonth = "day-month"
    case monthDay = "month-day"
}

/// What `2011-12` is: two consecutive years (school year 2011–2012) or a month (December 2011). Only the pairs whose
/// second half is 01 to 12 are in doubt (`2019-20` is a school year: there is no month 20); the import says which
/// (`--year-pairs`, `year_pairs:` in the mapping) or the cell is refused.
public enum YearPairReading: String, Sendable, Hashable, CaseIterable {
    case yearSpan = "year-span"
    case month
}

/// How a file's ambiguous period notations are read: the indicator's settings (what two consecutive years are) and
/// the import's decisions for the cells that could be read two ways.
public struct PeriodReading: Sendable, Hashable {
    public var settings: PeriodSettings
    public var dates: DateOrder?
    public var yearPairs: YearPairReading?

    public init(settings: PeriodSettings = PeriodSettings(), dates: DateOrder? = nil, yearPairs: YearPairReading? = nil) {
        self.settings = settings
        self.dates = dates
        self.yearPairs = yearPairs
    }
}

/// Periods as statistical offices, Flemish departments, Excel and SDMX write them, read into Koers's periods.
///
/// | written | becomes |
/// |---|---|
/// | `2020`, `2020-A1` (SDMX) | the year |
/// | `2020-S1`, `2020S1`, `2020-H1`, `S1 2020`, `H1 2020`, `1e semester 2020` | the half year |
/// | `2020-Q3`, `2020Q3`, `2020-K3`, `2020K3`, `2020 Q3`, `Q3 2020`, `3e kwartaal 2020`, `4de kwartaal 2018` | the quarter |
/// | `2020-07`, `2020M07`, `2020-M07` | the month |
/// | `2020-W05`, `2020W05` | the ISO week |
/// | `2020-07-01`, `2020-07-01T00:00:00`, `31/12/2019`, `13-7-2020`, `31.12.2019` | the day (a reference date); `01/07/2020` fits both orders and waits for `--dates` |
/// | `2019-2020`, `2019/2020`, `2019-20`, `2019/20` | the indicator's year span: a school year by default |
/// | `2005-2007`, `2010/2015`, `2019/21` | the range of calendar years |
/// | `2019-09-01/P1Y`, `2009/2017`, `2020-07/2020-08` | Koers's own notation |
///
/// A remark in brackets after the period (`2016/18 (baseline)`) is kept as the value's note.
public enum PeriodNotation {
    /// What a cell says.
    public enum Parsed: Sendable, Hashable {
        case period(Period, note: String?)
        /// The cell fits more than one reading; each choice with the period it gives and the option that picks it.
        case ambiguous([Choice])
        case invalid
    }

    /// One reading of an ambiguous cell.
    public struct Choice: Sendable, Hashable {
        public var period: Period
        /// The option value that picks it: `day-month`, `year-span`.
        public var option: String
        /// The flag that sets the option: `--dates`, `--year-pairs`.
        public var flag: String
        /// The mapping key that sets it: `dates`, `year_pairs`.
        public var mappingKey: String
    }

    /// The period a cell holds under the import's decisions; nil when it holds none or is ambiguous.
    public static func parse(_ text: String, _ reading: PeriodReading = PeriodReading()) -> Period? {
        if case .period(let p, _) = read(text, reading) { return p }
        return nil
    }

    public static func read(_ text: String, _ reading: PeriodReading = PeriodReading()) -> Parsed {
        var t = Substring(text.trimmingSpaces)
        var note: String?
        // "2016/18 (baseline)": the remark is the value's note, not part of the period.
        if t.hasSuffix(")"), let open = t.lastIndex(of: "("), open > t.startIndex {
            let remark = String(t[t.index(after: open)..<t.index(before: t.endIndex)]).trimmingSpaces
            guard !remark.isEmpty else { return .invalid }
            note = remark
            t = Substring(String(t[..<open]).trimmingSpaces)
        }
        let result = period(t, reading)
        switch result {
        case .period(let p, _): return .period(p, note: note)
        default: return result
        }
    }

    private static func period(_ t: Substring, _ reading: PeriodReading) -> Parsed {
        if let pair = yearPair(t, reading) { return pair }
        if let p = Period(String(t)) { return .period(p, note: nil) }
        if let p = words(t) ?? compact(t) { return .period(p, note: nil) }
        return date(t, reading) ?? .invalid
    }

    // MARK: Two years

    /// `2019-2020`, `2019/20`, `2005-2007`, `2019/21`: two years, the second written in full or by its last two digits.
    private static func yearPair(_ t: Substring, _ reading: PeriodReading) -> Parsed? {
        guard t.count == 7 || t.count == 9 else { return nil }
        let separator = t[t.index(t.startIndex, offsetBy: 4)]
        guard separator == "-" || separator == "/", let first = Period.parseYear(t.prefix(4)) else { return nil }
        let rest = t.dropFirst(5)
        guard rest.allSatisfy({ $0.isASCII && $0.isNumber }), let digits = Int(rest) else { return nil }
        var second = digits
        if rest.count == 2 {
            second = first - first % 100 + digits
            if second <= first { second += 100 }
        }
        // A two-digit end names a year shortly after the first (`1999-00`, `2010-15`), never a century later:
        // `2020-13` is no period, not 2020–2113.
        let shortEndTooFar = rest.count == 2 && second - first > 10
        guard second > first, second <= 2200, !shortEndTooFar else { return rest.count == 2 && separator == "-" ? nil : .invalid }
        if second > first + 1 {
            // `2019-05` is May 2019, Koers's own notation; a two-digit range end is read only where no month fits.
            if rest.count == 2 && separator == "-" && (1...12).contains(digits) { return nil }
            return .period(.range(.year(first), .year(second)), note: nil)
        }
        let span = reading.settings.yearSpan(startingIn: first)
        guard rest.count == 2, separator == "-", (1...12).contains(digits) else { return .period(span, note: nil) }
        // `2011-12`: school year 2011–2012, or December 2011?
        let month = Period.month(year: first, month: digits)
        switch reading.yearPairs {
        case .yearSpan?: return .period(span, note: nil)
        case .month?: return .period(month, note: nil)
        case nil:
            return .ambiguous([Choice(period: span, option: YearPairReading.yearSpan.rawValue, flag: "--year-pairs", mappingKey: "year_pairs"),
                               Choice(period: month, option: YearPairReading.month.rawValue, flag: "--year-pairs", mappingKey: "year_pairs")])
        }
    }

    // MARK: Words and compact codes

    /// `3e kwartaal 2020`, `4de kwartaal 2018`, `1ste kwartaal 2020`, `1e semester 2020`, `Q3 2020`, `H1 2020`, `2020 Q3`.
    private static func words(_ t: Substring) -> Period? {
        let parts = t.lowercased().split(separator: " ")
        if parts.count == 3, ["kwartaal", "semester"].contains(parts[1]), let year = Period.parseYear(parts[2]) {
            let ordinal = parts[0]
            guard let n = ordinal.first?.wholeNumberValue, ["e", "ste", "de"].contains(String(ordinal.dropFirst())) else { return nil }
            return parts[1] == "kwartaal" ? quarter(year, n) : semester(year, n)
        }
        if parts.count == 2 {
            if let year = Period.parseYear(parts[1]), let p = code(year, parts[0]) { return p }
            if let year = Period.parseYear(parts[0]), let p = code(year, parts[1]) { return p }
        }
        return nil
    }

    /// `2020Q3`, `2020-K3`, `2020S1`, `2020-H1`, `2020M07`, `2020-M07`, `2020W05`, `2020-A1`, `Q3-2020`.
    private static func compact(_ t: Substring) -> Period? {
        let upper = t.uppercased()
        if let year = Period.parseYear(Substring(upper.prefix(4))) {
            var rest = upper.dropFirst(4)
            if rest.first == "-" { rest = rest.dropFirst() }
            return code(year, Substring(rest))
        }
        if let dash = upper.firstIndex(of: "-"), let year = Period.parseYear(upper[upper.index(after: dash)...]) {
            return code(year, upper[..<dash])
        }
        return nil
    }

    /// A period code within a year: `Q3`, `K3` (kwartaal), `S1`, `H1`, `M07`, `W05`, `A1`.
    private static func code(_ year: Int, _ code: Substring) -> Period? {
        let upper = code.uppercased()
        guard let letter = upper.first, upper.count >= 2, upper.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }),
              let n = Int(upper.dropFirst()) else { return nil }
        let digits = upper.count - 1
        switch letter {
        case "Q", "K": return digits == 1 ? quarter(year, n) : nil
        case "S", "H": return digits == 1 ? semester(year, n) : nil
        case "M": return digits == 2 && (1...12).contains(n) ? .month(year: year, month: n) : nil
        case "W": return digits == 2 && (1...Period.isoWeeks(in: year)).contains(n) ? .week(year: year, week: n) : nil
        case "A": return upper == "A1" ? .year(year) : nil
        default: return nil
        }
    }

    private static func quarter(_ year: Int, _ n: Int) -> Period? { (1...4).contains(n) ? .quarter(year: year, quarter: n) : nil }
    private static func semester(_ year: Int, _ n: Int) -> Period? { (1...2).contains(n) ? .semester(year: year, half: n) : nil }

    // MARK: Dates

    /// `31/12/2019`, `1-7-2020`, `01.07.2020` (day and month in the file's order), `2019-12-31T00:00:00` (midnight).
    private static func date(_ t: Substring, _ reading: PeriodReading) -> Parsed? {
        if let tee = t.firstIndex(of: "T"), let day = Day(String(t[..<tee])) {
            let time = t[t.index(after: tee)...]
            let midnight = ["00:00", "00:00:00", "00:00:00Z", "00:00:00.000", "00:00:00.000Z"].contains(String(time))
            return midnight ? .period(.day(year: day.year, month: day.month, day: day.day), note: nil) : nil
        }
        guard let separator = t.first(where: { "/-.".contains($0) }) else { return nil }
        let parts = t.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, let year = Period.parseYear(parts[2]),
              parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              let a = Int(parts[0]), let b = Int(parts[1]) else { return nil }
        func day(_ d: Int, _ m: Int) -> Period? {
            (1...12).contains(m) && (1...Period.daysIn(year: year, month: m)).contains(d) ? .day(year: year, month: m, day: d) : nil
        }
        let dayMonth = day(a, b), monthDay = day(b, a)
        // Once the import says which order its dates are in, a cell that only fits the other order is a mistake.
        switch reading.dates {
        case .dayMonth?: return dayMonth.map { .period($0, note: nil) } ?? .invalid
        case .monthDay?: return monthDay.map { .period($0, note: nil) } ?? .invalid
        case nil: break
        }
        switch (dayMonth, monthDay) {
        case (nil, nil): return .invalid
        case (let p?, nil), (nil, let p?): return .period(p, note: nil)
        case (let dm?, let md?):
            if dm == md { return .period(dm, note: nil) }
            return .ambiguous([Choice(period: dm, option: DateOrder.dayMonth.rawValue, flag: "--dates", mappingKey: "dates"),
                               Choice(period: md, option: DateOrder.monthDay.rawValue, flag: "--dates", mappingKey: "dates")])
        }
    }
}
