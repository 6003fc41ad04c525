import KoersCore

/// A value as a source file writes it, before Koers decides what number it is.
public enum SourceValue: Sendable, Hashable {
    /// Formats whose numbers are unambiguous (JSON-stat, SDMX, a numeric XLSX cell).
    case number(Double)
    /// Text to parse with the file's number style (a CSV cell: `1.234,5`, `14 293`).
    case text(String)
    /// An empty cell, Eurostat's `:`, JSON-stat's null: no value.
    case missing
}

/// One value of a source file with its coordinates as the file names them, before validation against Koers's
/// indicators, regions and periods.
public struct SourceRecord: Sendable, Hashable {
    /// The indicator code, or the file's own name for it; nil when the file does not say (the mapping supplies it).
    public var indicator: String?
    /// The region as the file writes it: a NIS code, a NUTS code, or a name a mapping translates.
    public var region: String
    /// The period as the file writes it: `2020`, `2020-Q3`, `2020Q3`, `2020M07`, `2020-07`…
    public var period: String
    /// Other dimensions (sex, age group, sector…), by the file's names.
    public var breakdown: [String: String]
    public var value: SourceValue
    /// Flags as the file writes them (`p`, `e`, `c`, `b`, `u`…).
    public var flags: [String]
    /// A remark the file writes beside the value (an Open SDG `COMMENT_OBS` cell), kept as the value's note.
    public var note: String?
    /// Where the value stands in the file.
    public var location: Location
    /// Where the indicator, region and period stand, when the file has them in cells of their own (tables); problems
    /// with them point there rather than at the value.
    public var columns: FieldColumns?

    public init(indicator: String?, region: String, period: String, breakdown: [String: String] = [:],
                value: SourceValue, flags: [String] = [], note: String? = nil, location: Location) {
        self.indicator = indicator
        self.region = region
        self.period = period
        self.breakdown = breakdown
        self.value = value
        self.flags = flags
        self.note = note
        self.location = location
    }
}

/// The 1-based columns of a table row's indicator, region and period cells.
public struct FieldColumns: Sendable, Hashable {
    public var indicator: Int?
    public var region: Int?
    public var period: Int?

    public init(indicator: Int?, region: Int?, period: Int?) {
        self.indicator = indicator
        self.region = region
        self.period = period
    }
}

/// A reader of one structured format (JSON-stat, SDMX-CSV, Eurostat TSV, Open SDG): calls `emit` for each record in
/// file order. A file it cannot read throws `DataFileError` with the line and column of the problem.
public protocol RecordReader {
    func read(_ data: [UInt8], name: String, emit: (SourceRecord) throws -> Void) throws
}

/// A row of a table-shaped file (CSV, XLSX): its cells as text, the line it starts on and each cell's column.
public struct TableRow: Sendable, Hashable {
    public var cells: [String]
    /// 1-based line (CSV) or row number (XLSX).
    public var line: Int
    /// 1-based column of each cell: character position in CSV, column number (A = 1) in XLSX.
    public var columns: [Int]

    public init(cells: [String], line: Int, columns: [Int]) {
        self.cells = cells
        self.line = line
        self.columns = columns
    }

    public func location(ofCell index: Int, file: String) -> Location {
        Location(file: file, line: line, column: index < columns.count ? columns[index] : (columns.last ?? 1))
    }
}

/// A source of table rows, read in order without holding the whole file.
public protocol TableSource {
    func forEachRow(_ body: (TableRow) throws -> Void) throws
}
