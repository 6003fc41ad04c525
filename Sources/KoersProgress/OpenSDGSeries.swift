import KoersCore

/// A row of an Open SDG data file, reduced to what the progress calculation reads.
public struct OpenSDGRow: Sendable, Hashable {
    /// The `Year` cell as written: `2015`, `2014/2015`, `2015 Q4`.
    public var year: String
    /// The non-empty cells of the breakdown columns (not `Year`, `Value`, `Progress`, `GeoCode`, `Series`, `Units`),
    /// by column name. Column order does not matter to the calculation: a series' name follows its options.
    public var breakdown: [String: String]
    /// The `Series` and `Units` cells; nil when empty or absent.
    public var series: String?
    public var unit: String?
    /// `Value`; nil when empty.
    public var value: Double?
    /// `Progress`; nil when empty or when the file has no such column.
    public var progress: Double?

    public init(year: String, breakdown: [String: String] = [:], series: String? = nil, unit: String? = nil,
                value: Double?, progress: Double? = nil) {
        self.year = year
        self.breakdown = breakdown
        self.series = series
        self.unit = unit
        self.value = value
        self.progress = progress
    }

    /// A cell by column name, `Series` and `Units` included.
    func cell(_ column: String) -> String? {
        switch column {
        case OpenSDGSeries.seriesColumn: series
        case OpenSDGSeries.unitColumn: unit
        default: breakdown[column]
        }
    }
}

/// An indicator's data file: its rows and whether it has a `Progress` column, which then replaces `Value` in the
/// calculation (an empty `Progress` cell drops the row).
public struct OpenSDGTable: Sendable, Hashable {
    public var rows: [OpenSDGRow]
    public var hasProgressColumn: Bool

    public init(rows: [OpenSDGRow], hasProgressColumn: Bool = false) {
        self.rows = rows
        self.hasProgressColumn = hasProgressColumn
    }
}

/// Choosing one series of an Open SDG indicator and its inputs, following sdg-build's `SeriesProgress`.
public enum OpenSDGSeries {
    static let seriesColumn = "Series"
    static let unitColumn = "Units"

    /// `indicator / series / unit / disaggregation values` (a nil value written `None`), Open SDG's series tag.
    public static func name(indicator: String, options: OpenSDGProgressOption) -> String {
        var parts = [indicator]
        if let s = options.series { parts.append(s) }
        if let u = options.unit { parts.append(u) }
        for d in options.disaggregation { parts.append(d.value ?? "None") }
        return parts.joined(separator: " / ")
    }

    /// The series' points: rows filtered by unit and series (a value that no row has filters nothing, as in
    /// sdg-build), then by the disaggregation (a value no row has leaves no rows) or, without one, the headline rows;
    /// then the rows with a value.
    ///
    /// Where the disaggregation leaves several sub-series because other breakdown columns vary (women of all ages
    /// and women by age group), the rows where those columns are empty are the series. Both rules follow the results
    /// Statistics Canada published with its national repository (4-5-1's parity indices: a 'Primary education'
    /// completion rate the data lacks published without data; location parity by sex read off the rows of all ages),
    /// and leave every result of its CIF repository as it was.
    public static func points(in table: OpenSDGTable, options: OpenSDGProgressOption) -> Result<[ProgressPoint], CannotAssessReason> {
        var rows = table.rows
        func filter(_ column: String, _ value: String?) {
            guard let value, rows.contains(where: { $0.cell(column) == value }) else { return }
            rows.removeAll { $0.cell(column) != value }
        }
        filter(unitColumn, options.unit)
        filter(seriesColumn, options.series)
        if options.disaggregation.isEmpty {
            let headline = rows.filter { $0.breakdown.isEmpty }
            if headline.isEmpty && !rows.isEmpty { return .failure(.noHeadline) }
            rows = headline
        } else {
            for d in options.disaggregation { rows.removeAll { ($0.cell(d.field) ?? "") != (d.value ?? "") } }
            let named = Set(options.disaggregation.map(\.field))
            if hasSeveralSubSeries(rows) {
                rows.removeAll { row in row.breakdown.contains { !named.contains($0.key) && !$0.value.isEmpty } }
            }
        }
        if hasSeveralSubSeries(rows) { return .failure(.severalSubSeries) }
        var points: [ProgressPoint] = []
        var seen: Set<Int> = []
        for row in rows {
            guard let value = table.hasProgressColumn ? row.progress : row.value else { continue }
            // Open SDG keeps the first four characters of a year such as `2014/2015` or `2015 Q4`.
            guard let year = Int(row.year.prefix(4)) else { return .failure(.unreadableYear) }
            guard seen.insert(year).inserted else { return .failure(.duplicateYear(year)) }
            points.append(ProgressPoint(year: year, value: value))
        }
        return .success(points)
    }

    /// Whether a column (breakdown, `Series` or `Units`) has more than one value among `rows`, an empty cell
    /// counting as a value.
    private static func hasSeveralSubSeries(_ rows: [OpenSDGRow]) -> Bool {
        guard let first = rows.first else { return false }
        var columns = Set(rows.lazy.flatMap { $0.breakdown.keys })
        columns.insert(seriesColumn)
        columns.insert(unitColumn)
        return columns.contains { column in
            let value = first.cell(column)
            return rows.contains { $0.cell(column) != value }
        }
    }

    /// One series of an indicator: its name, inputs and result.
    public static func assess(indicator: String, table: OpenSDGTable, options: OpenSDGProgressOption) -> OpenSDGSeriesResult {
        let name = name(indicator: indicator, options: options)
        let direction: Direction = options.direction == .up ? .up : .down
        let baseYear = options.baseYear ?? ProgressQuestion.openSDGDefaultBaseYear
        let targetYear = options.targetYear ?? ProgressQuestion.defaultTargetYear
        func unavailable(_ reason: CannotAssessReason) -> OpenSDGSeriesResult {
            OpenSDGMeasure.notAvailable(name: name, baseYear: baseYear, target: options.target, targetYear: targetYear,
                                        direction: direction, limit: options.limit, reason: reason)
        }
        let points: [ProgressPoint]
        switch Self.points(in: table, options: options) {
        case .success(let p): points = p
        case .failure(let reason): return unavailable(reason)
        }
        let (sorted, problem) = SeriesWindow.validate(points)
        if let problem { return unavailable(problem) }
        // No direction, target or age matter for finding the base and latest points.
        let question = ProgressQuestion(points: sorted, direction: .none)
        let found = sorted.withUnsafeBufferPointer {
            SeriesInput(question, problem: nil, points: $0).window(baseYear: baseYear).map { ($0.base, $0.current) }
        }
        switch found {
        case .failure(let reason): return unavailable(reason)
        case .success(let (base, current)):
            return OpenSDGMeasure.assess(
                OpenSDGInputs(baseYear: base.year, baseValue: base.value, currentYear: current.year,
                              currentValue: current.value, target: options.target, targetYear: targetYear,
                              direction: direction, limit: options.limit),
                name: name)
        }
    }
}
