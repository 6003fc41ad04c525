import Foundation
import KoersCore
import Yams

/// What an Open SDG metadata file says about one indicator: its name and the inputs of Open SDG's progress
/// calculation.
public struct OpenSDGIndicatorMeta: Sendable, Hashable {
    /// The indicator as its files name it: `1-3-1` for `meta/1-3-1.md` and `data/indicator_1-3-1.csv`.
    public var id: String
    /// `indicator_name`, else `graph_title`, else `national_indicator_available`.
    public var name: String?
    /// `auto_progress_calculation`; false when absent, as Open SDG reads it.
    public var autoProgressCalculation: Bool
    /// `progress_calculation_options`, one entry per series the calculation covers; empty when absent.
    public var progressOptions: [OpenSDGProgressOptions]
    /// `progress_status`: a status set by hand (`not_available_manual`) that overrides the calculation.
    public var progressStatus: String?
    /// `reporting_status`: `complete`, `inprogress`, `notstarted`…
    public var reportingStatus: String?
    /// `data_non_statistical`: true for indicators reported as text only.
    public var dataNonStatistical: Bool?
    /// The metadata file, relative to the repository directory (`meta/1-3-1.md`).
    public var file: String

    public init(id: String, name: String? = nil, autoProgressCalculation: Bool = false,
                progressOptions: [OpenSDGProgressOptions] = [], progressStatus: String? = nil,
                reportingStatus: String? = nil, dataNonStatistical: Bool? = nil, file: String) {
        self.id = id
        self.name = name
        self.autoProgressCalculation = autoProgressCalculation
        self.progressOptions = progressOptions
        self.progressStatus = progressStatus
        self.reportingStatus = reportingStatus
        self.dataNonStatistical = dataNonStatistical
        self.file = file
    }
}

/// Whether an indicator should rise (`positive`) or fall (`negative`).
public enum OpenSDGDirection: String, Sendable, Hashable, CaseIterable {
    case positive, negative
}

/// One entry of `progress_calculation_options`. Every key is optional: Open SDG fills in defaults (base year, target
/// year, direction) in the calculation, so nil here means "not written", not "none".
public struct OpenSDGProgressOptions: Sendable, Hashable {
    /// `base_year`.
    public var baseYear: Int?
    /// `target`: the value to reach by `targetYear`.
    public var target: Double?
    /// `target_year`.
    public var targetYear: Int?
    public var direction: OpenSDGDirection?
    /// `limit`: a bound the value cannot pass (100 for a percentage).
    public var limit: Double?
    /// `series` and `unit`: which values of the `Series` and `Units` columns this entry covers.
    public var series: String?
    public var unit: String?
    /// `disaggregation`: the breakdown of the series this entry covers, as `field: value` pairs; an empty value
    /// (written `value:` with nothing after it) means that column must be empty.
    public var disaggregation: [String: String]
    /// The same pairs in the order written (a series is named in that order), an empty value as nil.
    public var fields: [OpenSDGField] = []
    /// Where the entry stands in the metadata file.
    public var location: Location

    public init(baseYear: Int? = nil, target: Double? = nil, targetYear: Int? = nil, direction: OpenSDGDirection? = nil,
                limit: Double? = nil, series: String? = nil, unit: String? = nil,
                disaggregation: [String: String] = [:], location: Location) {
        self.baseYear = baseYear
        self.target = target
        self.targetYear = targetYear
        self.direction = direction
        self.limit = limit
        self.series = series
        self.unit = unit
        self.disaggregation = disaggregation
        self.location = location
    }
}

/// A row of an Open SDG data file.
public struct OpenSDGRecord: Sendable, Hashable {
    /// The row's `Value`, with its year, `GeoCode` as region and other columns as breakdown.
    public var record: SourceRecord
    /// The `Progress` cell, which replaces `Value` in the progress calculation only: nil when the file has no
    /// `Progress` column, `.missing` when the cell is empty.
    public var progress: SourceValue?
    /// Whether the row belongs to the headline series: all its breakdown columns are empty, `Series` and `Units`
    /// aside (Open SDG has a headline per series and unit).
    public var isHeadline: Bool

    public init(record: SourceRecord, progress: SourceValue? = nil, isHeadline: Bool) {
        self.record = record
        self.progress = progress
        self.isHeadline = isHeadline
    }
}

/// Reads an Open SDG data repository (the format of national SDG reporting platforms such as Statistics Canada's).
///
/// - `meta/<id>.md`: Markdown whose YAML front matter, between the first two `---` lines, holds the metadata
///   (`indicator_name`, `auto_progress_calculation`, `progress_calculation_options`…).
/// - `data/indicator_<id>.csv`: comma-separated UTF-8 with a header: `Year`, any breakdown columns, an optional
///   `GeoCode`, optional `Series` and `Units`, `Value`, and an optional `Progress`, in any order. Column names and
///   values are kept as written, including the `data.` prefix of Open SDG translation keys (`data.Sex`,
///   `data.Women`), since the translations are not part of the data files.
public struct OpenSDGReader: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    // MARK: Metadata

    /// The metadata of every `meta/*.md`, sorted by id with numbers compared as numbers (`2-2-1` before `10-1-1`).
    /// Throws one `DataFileError` with the problems of all files.
    public func indicators() throws -> [OpenSDGIndicatorMeta] {
        var result: [OpenSDGIndicatorMeta] = []
        var diagnostics: [Diagnostic] = []
        for (id, name) in try files(in: "meta", prefix: "", suffix: ".md") {
            var problems: [Diagnostic] = []
            if let meta = readMeta(id: id, file: name, problems: &problems), problems.isEmpty { result.append(meta) }
            diagnostics += problems
        }
        guard diagnostics.isEmpty else { throw DataFileError(diagnostics) }
        return result
    }

    private func readMeta(id: String, file: String, problems: inout [Diagnostic]) -> OpenSDGIndicatorMeta? {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path),
              var text = String(data: data, encoding: .utf8) else {
            problems.append(Diagnostic(file: file, line: 1, column: 1, message: "cannot read the file as UTF-8 text"))
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // Split on "\n" only, so line numbers match what an editor shows; a "\r" before it is not part of "---".
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func isFence(_ line: Substring) -> Bool { line.trimmingCharacters(in: .whitespaces) == "---" }
        guard let first = lines.first, isFence(first) else {
            problems.append(Diagnostic(file: file, line: 1, column: 1,
                                       message: "the file does not start with YAML front matter (a '---' line)"))
            return nil
        }
        guard let end = lines.indices.dropFirst().first(where: { isFence(lines[$0]) }) else {
            problems.append(Diagnostic(file: file, line: 1, column: 1,
                                       message: "the front matter opened on line 1 is never closed by a '---' line"))
            return nil
        }
        // The YAML starts on the file's line 2: its line n is the file's line n + 1.
        let yaml = YAMLFields(file: file, lineOffset: 1)
        guard let root = yaml.compose(lines[1..<end].joined(separator: "\n"), problems: &problems) else { return nil }
        guard case .mapping(let mapping) = root else {
            problems.append(yaml.location(root).diagnostic("the front matter must be a mapping of keys to values"))
            return nil
        }
        let fields = yaml.keyed(mapping, problems: &problems)
        var meta = OpenSDGIndicatorMeta(id: id, file: file)
        for key in ["indicator_name", "graph_title", "national_indicator_available"] where meta.name == nil {
            meta.name = yaml.text(fields[key], key, problems: &problems)
        }
        meta.autoProgressCalculation = yaml.bool(fields["auto_progress_calculation"], "auto_progress_calculation",
                                                 problems: &problems) ?? false
        meta.progressStatus = yaml.text(fields["progress_status"], "progress_status", problems: &problems)
        meta.reportingStatus = yaml.text(fields["reporting_status"], "reporting_status", problems: &problems)
        meta.dataNonStatistical = yaml.bool(fields["data_non_statistical"], "data_non_statistical", problems: &problems)
        let options = yaml.list(fields["progress_calculation_options"], "progress_calculation_options", problems: &problems)
        for (index, node) in options.enumerated() {
            if let o = progressOptions(node, "progress_calculation_options[\(index + 1)]", yaml, &problems) {
                meta.progressOptions.append(o)
            }
        }
        return meta
    }

    private static let optionKeys: Set<String> = ["base_year", "target", "target_year", "direction", "limit", "series",
                                                  "unit", "disaggregation"]

    private func progressOptions(_ node: Node, _ what: String, _ yaml: YAMLFields,
                                 _ problems: inout [Diagnostic]) -> OpenSDGProgressOptions? {
        guard case .mapping(let mapping) = node else {
            problems.append(yaml.location(node).diagnostic("\(what) must be a mapping of keys to values"))
            return nil
        }
        let f = yaml.keyed(mapping, problems: &problems)
        // An unknown key is most likely a typo (`target_yaer`) that would silently change a result.
        for (key, _) in mapping {
            if let k = key.string, !Self.optionKeys.contains(k) {
                problems.append(yaml.location(key).diagnostic(
                    "\(what): unknown key '\(k)' (expected one of: \(Self.optionKeys.sorted().joined(separator: ", ")))"))
            }
        }
        var o = OpenSDGProgressOptions(location: yaml.location(node))
        o.baseYear = yaml.year(f["base_year"], "\(what) base_year", problems: &problems)
        o.target = yaml.number(f["target"], "\(what) target", problems: &problems)
        o.targetYear = yaml.year(f["target_year"], "\(what) target_year", problems: &problems)
        o.limit = yaml.number(f["limit"], "\(what) limit", problems: &problems)
        o.series = yaml.text(f["series"], "\(what) series", problems: &problems)
        o.unit = yaml.text(f["unit"], "\(what) unit", problems: &problems)
        if let d = yaml.text(f["direction"], "\(what) direction", problems: &problems) {
            o.direction = OpenSDGDirection(rawValue: d)
            if o.direction == nil {
                problems.append(yaml.location(f["direction"]).diagnostic(
                    "\(what): 'direction' must be positive or negative, not '\(d)'"))
            }
        }
        for entry in yaml.list(f["disaggregation"], "\(what) disaggregation", problems: &problems) {
            guard case .mapping(let pair) = entry else {
                problems.append(yaml.location(entry).diagnostic("\(what): each disaggregation entry must be {field, value}"))
                continue
            }
            let p = yaml.keyed(pair, problems: &problems)
            guard let field = yaml.text(p["field"], "\(what) disaggregation field", problems: &problems) else {
                problems.append(yaml.location(entry).diagnostic("\(what): a disaggregation entry has no 'field'"))
                continue
            }
            if o.disaggregation[field] != nil {
                problems.append(yaml.location(entry).diagnostic("\(what): disaggregation field '\(field)' appears twice"))
            }
            let value = yaml.text(p["value"], "\(what) disaggregation value", problems: &problems) ?? ""
            o.disaggregation[field] = value
            o.fields.append(OpenSDGField(field: field, value: value.isEmpty ? nil : value))
        }
        return o
    }

    // MARK: Data

    /// Streams every `data/indicator_*.csv`, in id order, row by row. Throws `DataFileError` at the first problem:
    /// a file without `Year` or `Value`, a repeated or unnamed column, a row whose cell count differs from the
    /// header's, an empty `Year`.
    public func read(emit: (OpenSDGRecord) throws -> Void) throws {
        for (id, name) in try files(in: "data", prefix: "indicator_", suffix: ".csv") {
            let csv = CSVReader(url: directory.appendingPathComponent(name), name: name, delimiter: ",", encoding: .utf8)
            try Self.readDataFile(csv, indicator: id, name: name, emit: emit)
        }
    }

    /// Reads one data file; `name` is used in locations and diagnostics.
    static func readDataFile(_ csv: CSVReader, indicator: String, name: String,
                             emit: (OpenSDGRecord) throws -> Void) throws {
        var layout: DataLayout?
        try csv.forEachRow { row in
            guard let l = layout else {
                layout = try DataLayout(header: row, file: name)
                return
            }
            guard row.cells.count == l.header.count else {
                throw DataFileError([row.location(ofCell: 0, file: name).diagnostic(
                    "this row has \(row.cells.count) cells but the header has \(l.header.count)")])
            }
            let year = row.cells[l.year]
            guard !year.isEmpty else {
                throw DataFileError([row.location(ofCell: l.year, file: name).diagnostic("the Year cell is empty")])
            }
            var breakdown: [String: String] = [:]
            var isHeadline = true
            for i in l.breakdown where !row.cells[i].isEmpty {
                breakdown[l.header[i]] = row.cells[i]
                if !l.seriesOrUnits.contains(i) { isHeadline = false }
            }
            let region = l.geoCode.map { row.cells[$0] } ?? ""
            let record = SourceRecord(indicator: indicator, region: region, period: year, breakdown: breakdown,
                                      value: value(row.cells[l.value]),
                                      location: row.location(ofCell: l.value, file: name))
            try emit(OpenSDGRecord(record: record, progress: l.progress.map { value(row.cells[$0]) },
                                   isHeadline: isHeadline))
        }
        if layout == nil {
            throw DataFileError([Diagnostic(file: name, line: 1, column: 1, message: "the file is empty (no header)")])
        }
    }

    /// Open SDG data files are written by programs (sdg-build, pandas): `.` is always the decimal point and there are
    /// no thousands separators, so `14.415` is fourteen and a bit. Anything else stays text for the validator to refuse.
    private static func value(_ cell: String) -> SourceValue {
        if cell.isEmpty { return .missing }
        if let number = Double(cell), number.isFinite { return .number(number) }
        return .text(cell)
    }

    /// Files `<folder>/<prefix><id><suffix>` as (id, path relative to the directory), sorted by id.
    func files(in folder: String, prefix: String, suffix: String) throws -> [(id: String, name: String)] {
        let url = directory.appendingPathComponent(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else {
            throw DataFileError([Diagnostic(file: folder, line: 1, column: 1,
                                            message: "cannot list the folder '\(folder)' of \(directory.path)")])
        }
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) && $0.count > prefix.count + suffix.count }
            .map { (id: String($0.dropFirst(prefix.count).dropLast(suffix.count)), name: "\(folder)/\($0)") }
            .sorted { $0.id.compare($1.id, options: .numeric) == .orderedAscending }
    }
}

/// Which column of a data file holds what.
private struct DataLayout {
    let header: [String]
    let year: Int
    let value: Int
    let progress: Int?
    let geoCode: Int?
    /// Every other column, `Series` and `Units` included.
    let breakdown: [Int]
    let seriesOrUnits: Set<Int>

    init(header row: TableRow, file: String) throws {
        header = row.cells
        var problems: [Diagnostic] = []
        var seen: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if name.isEmpty {
                problems.append(row.location(ofCell: i, file: file).diagnostic("column \(i + 1) of the header has no name"))
            } else if seen[name] != nil {
                problems.append(row.location(ofCell: i, file: file).diagnostic("the column '\(name)' appears twice"))
            }
            seen[name] = seen[name] ?? i
        }
        for required in ["Year", "Value"] where seen[required] == nil {
            problems.append(Diagnostic(file: file, line: row.line, column: 1,
                                       message: "the header has no '\(required)' column (an Open SDG data file needs 'Year' and 'Value')"))
        }
        guard problems.isEmpty, let year = seen["Year"], let value = seen["Value"] else { throw DataFileError(problems) }
        self.year = year
        self.value = value
        progress = seen["Progress"]
        geoCode = seen["GeoCode"]
        let special: Set<Int> = Set([year, value, progress, geoCode].compactMap { $0 })
        breakdown = header.indices.filter { !special.contains($0) }
        seriesOrUnits = Set(["Series", "Units"].compactMap { seen[$0] })
    }
}

/// Typed reading of front matter nodes, each problem reported at the node's line in the file.
private struct YAMLFields {
    let file: String
    /// Lines of the file before the YAML text.
    let lineOffset: Int

    func location(_ node: Node?) -> Location {
        Location(file: file, line: (node?.mark?.line ?? 1) + lineOffset, column: node?.mark?.column ?? 1)
    }

    func compose(_ text: String, problems: inout [Diagnostic]) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                problems.append(Diagnostic(file: file, line: 1 + lineOffset, column: 1, message: "the front matter is empty"))
                return nil
            }
            return node
        } catch let YamlError.scanner(_, problem, mark, _), let YamlError.parser(_, problem, mark, _),
                let YamlError.composer(_, problem, mark, _) {
            problems.append(Diagnostic(file: file, line: mark.line + lineOffset, column: mark.column,
                                       message: "YAML syntax: \(problem)"))
        } catch {
            problems.append(Diagnostic(file: file, line: 1 + lineOffset, column: 1, message: "YAML: \(error)"))
        }
        return nil
    }

    /// The mapping's values by key; a repeated key is reported (YAML would keep one silently).
    func keyed(_ mapping: Node.Mapping, problems: inout [Diagnostic]) -> [String: Node] {
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard let k = key.string else { continue }
            if values[k] != nil { problems.append(location(key).diagnostic("the key '\(k)' appears twice")) }
            values[k] = value
        }
        return values
    }

    private func isNull(_ s: Node.Scalar) -> Bool {
        s.style == .plain && (s.string.isEmpty || s.string == "~" || s.string == "null")
    }

    /// A scalar as written; nil when absent or null.
    func text(_ node: Node?, _ what: String, problems: inout [Diagnostic]) -> String? {
        guard let node else { return nil }
        guard case .scalar(let s) = node else {
            problems.append(location(node).diagnostic("'\(what)' must be text"))
            return nil
        }
        return isNull(s) ? nil : s.string
    }

    func bool(_ node: Node?, _ what: String, problems: inout [Diagnostic]) -> Bool? {
        guard let node, text(node, what, problems: &problems) != nil else { return nil }
        guard let b = node.bool else {
            problems.append(location(node).diagnostic("'\(what)' must be true or false"))
            return nil
        }
        return b
    }

    func number(_ node: Node?, _ what: String, problems: inout [Diagnostic]) -> Double? {
        guard let node, let s = text(node, what, problems: &problems) else { return nil }
        guard let v = Double(s), v.isFinite else {
            problems.append(location(node).diagnostic("'\(what)' must be a number, not '\(s)'"))
            return nil
        }
        return v
    }

    func year(_ node: Node?, _ what: String, problems: inout [Diagnostic]) -> Int? {
        guard let v = number(node, what, problems: &problems) else { return nil }
        guard v == v.rounded(), abs(v) < 100_000 else {
            problems.append(location(node).diagnostic("'\(what)' must be a year, not \(v)"))
            return nil
        }
        return Int(v)
    }

    /// A sequence's items; absent or null is an empty list.
    func list(_ node: Node?, _ what: String, problems: inout [Diagnostic]) -> [Node] {
        guard let node else { return [] }
        if case .sequence(let s) = node { return Array(s) }
        if case .scalar(let s) = node, isNull(s) { return [] }
        problems.append(location(node).diagnostic("'\(what)' must be a list"))
        return []
    }
}
