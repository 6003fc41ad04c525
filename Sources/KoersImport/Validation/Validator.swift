import Foundation
import KoersCore
import KoersPlanFiles

/// Checks a source record against Koers's indicators, regions and periods and turns it into an observation.
///
/// Every refusal is a `Diagnostic` at the record's file, line and column, quoting the offending text.
public struct Validator: Sendable {
    public let geography: Geography
    public let indicators: [String: Indicator]
    public let mapping: ImportMapping
    public let numbers: NumberParser
    /// The citation stored with every value.
    public let source: String
    /// Lower-cased names and NUTS codes → region codes, a Dutch name taking precedence over the same text in
    /// another language; names shared by several regions (Tielt before and after the 2025 merger) are told apart by
    /// the period or the mapping's boundaries.
    private let byName: [String: [String]]
    /// Messages already worked out: a file repeats the same unknown code thousands of times, and finding the closest
    /// names is the costly part.
    private let remembered = MessageCache()
    /// Parsed periods: a file has few distinct ones and millions of rows.
    private let periods = PeriodCache()

    public init(geography: Geography, indicators: [Indicator], mapping: ImportMapping, source: String,
                decimal: DecimalSeparator? = nil) {
        self.geography = geography
        self.indicators = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.mapping = mapping
        self.numbers = NumberParser(decimal: decimal ?? mapping.decimal)
        self.source = source
        // Dutch names first: "Saint-Nicolas" is the Liège municipality, even though it is also Sint-Niklaas in French.
        var dutch: [String: [String]] = [:], other: [String: [String]] = [:]
        for region in geography.regions.values {
            dutch[Self.nameKey(region.name.nl), default: []].append(region.code)
            for name in [region.name.fr, region.name.en, region.nuts].compactMap({ $0.map(Self.nameKey) }) {
                if !(other[name]?.contains(region.code) ?? false) { other[name, default: []].append(region.code) }
            }
        }
        self.byName = other.merging(dutch) { _, nl in nl }
    }

    /// The observation, nil for an empty value (a gap stays a gap), or the problem.
    public func validate(_ record: SourceRecord) -> Result<Observation?, Diagnostic> {
        let at = record.location
        func cell(_ column: Int?) -> Location { column.map { Location(file: at.file, line: at.line, column: $0) } ?? at }
        guard let rawIndicator = record.indicator?.trimmingSpaces, !rawIndicator.isEmpty else {
            return .failure(at.diagnostic("no indicator: add an 'indicator' column, or 'constants: {indicator: …}' to the mapping"))
        }
        let code = mapping.indicators[rawIndicator] ?? rawIndicator
        guard let indicator = indicators[code] else {
            let message = remembered.message(for: "indicator " + code) {
                "unknown indicator '\(rawIndicator)'" + Self.hint(Suggestions.closest(to: code, among: Set(indicators.keys), names: [:]))
            }
            return .failure(cell(record.columns?.indicator).diagnostic(message))
        }
        let period: Period, periodNote: String?
        // A monthly indicator's `2008-09` is September 2008, unless the import says otherwise.
        let yearPairs = mapping.yearPairs ?? (indicator.frequency == .monthly ? .month : nil)
        switch periods.read(record.period, PeriodReading(settings: indicator.periods, dates: mapping.dates, yearPairs: yearPairs)) {
        case .period(let p, let note): (period, periodNote) = (p, note)
        case .ambiguous(let choices):
            return .failure(cell(record.columns?.period).diagnostic(Self.ambiguous(record.period, choices, indicator)))
        case .invalid:
            return .failure(cell(record.columns?.period).diagnostic(Self.notAPeriod(record.period, mapping.dates)))
        }
        let region: Region
        switch resolve(region: record.region, period: period) {
        case .success(let r): region = r
        case .failure(let problem): return .failure(cell(record.columns?.region).diagnostic(problem.message))
        }
        guard !region.isAbolished(before: period) else {
            let successor = geography.successions.first { $0.from == region.code }.map { ": merged into \($0.to) on \($0.date)" }
            return .failure(cell(record.columns?.region).diagnostic("region \(region.code) (\(region.name.nl)) does not exist in \(period)\(successor ?? "")"))
        }
        var value: Double
        switch record.value {
        case .missing: return .success(Observation?.none)
        case .number(let v): value = v
        case .text(let text):
            switch numbers.parse(text) {
            case .success(let v): value = v
            case .failure(let problem): return .failure(at.diagnostic(problem.description))
            }
        }
        value *= mapping.scale
        if indicator.unit == .percent, !(0...100).contains(value) {
            // Shares cannot leave 0–100; changes in percent are their own indicators with another unit.
            return .failure(at.diagnostic("\(NumberDescription.short(value)) is outside 0–100 for '\(indicator.code)', a percentage"))
        }
        var flags: Set<ObservationFlag> = []
        var unknownFlags: [String] = []
        for raw in record.flags {
            for letter in Self.flagLetters(raw) {
                if let flag = Self.flags[letter] { flags.insert(flag) } else { unknownFlags.append(letter) }
            }
        }
        for (dimension, item) in record.breakdown where dimension.contains("=") || dimension.contains(";") || item.contains(";") {
            return .failure(at.diagnostic("breakdown '\(dimension)' = '\(item)' may not contain '=' or ';'"))
        }
        return .success(Observation(indicator: indicator.code, region: region.code, period: period,
                                    breakdown: Breakdown(record.breakdown), value: value, flags: flags, source: source,
                                    note: Self.note(record.note, period: periodNote, unknownFlags: unknownFlags)))
    }

    /// The file's remark on the value, one written with the period (`2016/18 (baseline)`) and flag letters Koers does
    /// not know, kept with the value.
    private static func note(_ remark: String?, period: String?, unknownFlags: [String]) -> String? {
        let parts = [remark, period, unknownFlags.isEmpty ? nil : "flags in the source: \(unknownFlags.joined(separator: ", "))"].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// `'2011-12' can be read 2 ways: year-span gives 2011-2012 (2011-09-01 to 2012-08-31), month gives 2011-12
    /// (2011-12-01 to 2011-12-31); say which with --year-pairs year-span|month or 'year_pairs:' in the mapping`.
    static func ambiguous(_ text: String, _ choices: [PeriodNotation.Choice], _ indicator: Indicator) -> String {
        let readings = choices.map { c in
            let written = indicator.periods.written(c.period)
            let days = c.period.start == c.period.end ? "" : " (\(c.period.start) to \(c.period.end))"
            return "\(c.option) gives \(written)\(days)"
        }
        let options = choices.map(\.option).joined(separator: "|")
        let how = choices.first.map { "say which with \($0.flag) \(options) or '\($0.mappingKey):' in the mapping" } ?? ""
        return "'\(text)' can be read \(choices.count) ways: \(readings.joined(separator: ", ")); \(how)"
    }

    static func notAPeriod(_ text: String, _ dates: DateOrder?) -> String {
        let order = dates.map { " (dates are read \($0.rawValue), as the import says)" } ?? ""
        return "not a period: '\(text)'\(order); write a year (2020), a school or fiscal year (2019-2020, 2019-20), "
            + "a range of years (2005-2007), a half year (2020-S1), a quarter (2020-Q3, Q3 2020), a month (2020-07), "
            + "an ISO week (2020-W05) or a day (2020-07-01, 31/12/2019)"
    }

    private struct RegionProblem: Error {
        var message: String
    }

    private func resolve(region raw: String, period: Period) -> Result<Region, RegionProblem> {
        let text = raw.trimmingSpaces
        guard !text.isEmpty else { return .failure(RegionProblem(message: "no region: add a 'region' column, or 'constants: {region: …}' to the mapping")) }
        let code = mapping.regions[text] ?? text
        if let region = geography[code] { return .success(region) }
        let candidates = (byName[Self.nameKey(code)] ?? []).compactMap { geography[$0] }
        let valid = candidates.filter { region in
            mapping.boundaries.map { day in region.isValid(during: .day(year: day.year, month: day.month, day: day.day)) }
                ?? region.isValid(during: period)
        }
        if valid.count == 1 { return .success(valid[0]) }
        if candidates.count == 1 { return .success(candidates[0]) }
        if !candidates.isEmpty {
            return .failure(RegionProblem(message: "region '\(raw)' is ambiguous: \(candidates.map(\.code).sorted().joined(separator: ", ")); map it in 'regions:'"))
        }
        let message = remembered.message(for: "region " + raw) {
            let names = geography.regions.mapValues { $0.name.nl }
            return "unknown region '\(raw)'" + Self.hint(Suggestions.closest(to: code, among: Set(geography.regions.keys), names: names).map {
                "\($0) \(geography[$0]?.name.nl ?? "")"
            })
        }
        return .failure(RegionProblem(message: message))
    }

    /// Names compared without case and with one kind of apostrophe ("’s Gravenbrakel" is "'s Gravenbrakel").
    static func nameKey(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "’", with: "'")
    }

    private static func hint(_ suggestions: [String]) -> String {
        suggestions.isEmpty ? "" : " (did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?)"
    }

    /// Eurostat's and Statbel's flag letters; others are kept in the note.
    static let flags: [String: ObservationFlag] = [
        "p": .provisional, "provisional": .provisional, "e": .estimated, "s": .estimated, "estimated": .estimated,
        "c": .confidential, "confidential": .confidential, "b": .break, "break": .break,
    ]

    /// "p", "ep", "e p": each letter is a flag; a word ("provisional") is one.
    static func flagLetters(_ raw: String) -> [String] {
        let t = raw.trimmingSpaces.lowercased()
        if flags[t] != nil { return [t] }
        return t.filter { $0.isLetter }.map(String.init)
    }
}

/// Problem messages by what they are about, computed once per import.
final class MessageCache: @unchecked Sendable {
    private var messages: [String: String] = [:]
    private let lock = NSLock()

    func message(for key: String, _ make: () -> String) -> String {
        if let m = lock.withLock({ messages[key] }) { return m }
        let m = make()
        lock.withLock { messages[key] = m }
        return m
    }
}

/// Periods by their text and reading, parsed once per import.
final class PeriodCache: @unchecked Sendable {
    private struct Key: Hashable {
        var text: String
        var reading: PeriodReading
    }
    private var periods: [Key: PeriodNotation.Parsed] = [:]
    private let lock = NSLock()

    func read(_ text: String, _ reading: PeriodReading) -> PeriodNotation.Parsed {
        let key = Key(text: text, reading: reading)
        if let known = lock.withLock({ periods[key] }) { return known }
        let parsed = PeriodNotation.read(text, reading)
        lock.withLock { periods[key] = parsed }
        return parsed
    }
}

/// Numbers in messages: 75.4, 7719.
enum NumberDescription {
    static func short(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v) }
}
