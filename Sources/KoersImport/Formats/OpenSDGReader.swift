import Foundation
import KoersCore
import KoersPlanFiles
import Yams

/// What an Open SDG metadata file says about one indicator: its name and the inputs of Open SDG's progress
/// calculation.
public struct OpenSDGIndicatorMeta: Sendable, Hashable {
    /// The indicator as its files name it: `1-3-1` for `meta/1-3-1.md` and `data/indicator_1-3-1.csv`.
    public var id: String
    /// `indicator_name`, else `graph_title`, else `national_indicator_available`.
    public var name: String?
    /// `auto_progress_calculation`, `progress_status` and `progress_calculation_options`: the inputs of Open SDG's
    /// progress calculation, in the form the indicator keeps them.
    public var progress: OpenSDGProgressSettings
    /// Where each entry of `progress.options` stands in the metadata file.
    public var optionLocations: [Location] = []
    /// `reporting_status`: `complete`, `inprogress`, `notstarted`…
    public var reportingStatus: String?
    /// `data_non_statistical`: true for indicators reported as text only.
    public var dataNonStatistical: Bool?
    /// The metadata file, relative to the repository directory (`meta/1-3-1.md`).
    public var file: String

    public init(id: String, name: String? = nil, progress: OpenSDGProgressSettings = OpenSDGProgressSettings(),
                reportingStatus: String? = nil, dataNonStatistical: Bool? = nil, file: String) {
        self.id = id
        self.name = name
        self.progress = progress
        self.reportingStatus = reportingStatus
        self.dataNonStatistical = dataNonStatistical
        self.file = file
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
///   (`indicator_name`, `auto_progress_calculation`, `progress_calculation_options`…); or, in Open SDG 2.x's layout,
///   `meta/<id>.yml` and `indicator-config/<id>.yml` holding the same keys between them (`OpenSDGFolder`).
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

    /// The metadata of every indicator, from `meta/<id>.md` front matter or from `meta/<id>.yml` and
    /// `indicator-config/<id>.yml` (`OpenSDGFolder`), sorted by id with numbers compared as numbers (`2-2-1` before
    /// `10-1-1`). Throws one `DataFileError` with the problems of all files.
    public func indicators() throws -> [OpenSDGIndicatorMeta] {
        var result: [OpenSDGIndicatorMeta] = []
        var diagnostics: [Diagnostic] = []
        let folder = OpenSDGFolder(directory: directory)
        try folder.requireMetadata()
        for entry in folder.metadata {
            var problems: [Diagnostic] = []
            var parts: [(yaml: YAMLReader, fields: Fields)] = []
            for file in entry.files {
                if let part = readFields(file, problems: &problems) { parts.append(part) }
            }
            let meta = problems.isEmpty && !parts.isEmpty ? meta(id: entry.id, file: entry.files[0], parts: parts) : nil
            problems += parts.flatMap(\.yaml.diagnostics)
            if let meta, problems.isEmpty { result.append(meta) }
            diagnostics += problems
        }
        guard diagnostics.isEmpty else { throw DataFileError(diagnostics) }
        return result
    }

    /// The YAML mapping of one metadata file: the whole of a `.yml`, the front matter of a `.md`.
    private func readFields(_ file: String, problems: inout [Diagnostic]) -> (yaml: YAMLReader, fields: Fields)? {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path),
              var text = String(data: data, encoding: .utf8) else {
            problems.append(Diagnostic(file: file, line: 1, column: 1, message: "cannot read the file as UTF-8 text"))
            return nil
        }
        // Statistics Canada's files start with a byte order mark, as Windows editors write them.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var yamlText = text, lineOffset = 0, what = "the file"
        if file.hasSuffix(".md") {
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
            yamlText = lines[1..<end].joined(separator: "\n")
            lineOffset = 1
            what = "the front matter"
        }
        // The reader's diagnostics are collected once the indicator is read (`indicators()`), or here on failure.
        let yaml = YAMLReader(file: file, lineOffset: lineOffset)
        guard let root = yaml.compose(yamlText) else {
            if yaml.diagnostics.isEmpty { yaml.report(at: Location(file: file, line: lineOffset + 1, column: 1), "\(what) is empty") }
            problems += yaml.diagnostics
            return nil
        }
        guard let fields = yaml.fields(root, what, allowed: nil) else {
            problems += yaml.diagnostics
            return nil
        }
        return (yaml, fields)
    }

    /// One indicator's metadata from its files, the first file that has a key deciding it.
    private func meta(id: String, file: String, parts: [(yaml: YAMLReader, fields: Fields)]) -> OpenSDGIndicatorMeta {
        func part(_ key: String) -> (yaml: YAMLReader, fields: Fields)? { parts.first { $0.fields.values[key] != nil } }
        var meta = OpenSDGIndicatorMeta(id: id, file: file)
        // Open SDG 2.x names indicators by translation key (`global_indicators.1-2-2-title`), whose text is in
        // translation files Koers does not read: then the metadata's own `SDG_INDICATOR` line names it.
        for key in ["indicator_name", "SDG_INDICATOR", "graph_title", "national_indicator_available"] where meta.name == nil {
            if let name = part(key)?.fields.string(key), !Self.isTranslationKey(name) { meta.name = name }
        }
        meta.progress.automatic = part("auto_progress_calculation")?.fields.bool("auto_progress_calculation") ?? false
        meta.progress.manualStatus = part("progress_status")?.fields.string("progress_status")
        meta.reportingStatus = part("reporting_status")?.fields.string("reporting_status")
        meta.dataNonStatistical = part("data_non_statistical")?.fields.bool("data_non_statistical")
        if let (yaml, fields) = part("progress_calculation_options") {
            var index = 0
            appendOptions(yaml.sequence(fields["progress_calculation_options"], "progress_calculation_options"),
                          to: &meta, yaml, index: &index)
        }
        return meta
    }

    /// The options in file order; a `group:` entry's options (Open SDG 2.x nests them to average some series first)
    /// are taken in place, as series of the indicator.
    private func appendOptions(_ nodes: [Node], to meta: inout OpenSDGIndicatorMeta, _ yaml: YAMLReader, index: inout Int) {
        for node in nodes {
            if case .mapping(let m) = node, m.count == 1, m.keys.first?.string == "group" {
                appendOptions(yaml.sequence(m.values.first, "progress_calculation_options group"), to: &meta, yaml, index: &index)
                continue
            }
            index += 1
            if let o = progressOption(node, "progress_calculation_options[\(index)]", yaml) {
                meta.progress.options.append(o)
                meta.optionLocations.append(yaml.location(node))
            }
        }
    }

    /// `global_indicators.1-2-2-title`, `data.Sex`: a key into Open SDG's translations, not text to show.
    static func isTranslationKey(_ s: String) -> Bool {
        guard let dot = s.firstIndex(of: "."), dot > s.startIndex, s.index(after: dot) < s.endIndex else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }
    }

    private static let optionKeys: Set<String> = ["base_year", "target", "target_year", "direction", "limit", "series",
                                                  "unit", "disaggregation"]

    /// One entry of `progress_calculation_options` (an unknown key is most likely a typo, `target_yaer`, that would
    /// silently change a result); `direction` is Open SDG's `positive` or `negative`.
    private func progressOption(_ node: Node, _ what: String, _ yaml: YAMLReader) -> OpenSDGProgressOption? {
        guard let f = yaml.fields(node, what, allowed: Self.optionKeys) else { return nil }
        var o = OpenSDGProgressOption()
        o.baseYear = year(f, "base_year")
        o.target = f.number("target", quotedAllowed: true)
        o.targetYear = year(f, "target_year")
        o.limit = f.number("limit", quotedAllowed: true)
        o.series = f.string("series")
        o.unit = f.string("unit")
        if let d = f.string("direction") {
            o.direction = ["positive": .up, "negative": .down][d]
            if o.direction == nil {
                yaml.report(at: f.location(of: "direction"), "\(what): 'direction' must be positive or negative, not '\(d)'")
            }
        }
        var fieldsSeen = Set<String>()
        for entry in yaml.sequence(f["disaggregation"], "\(what) disaggregation") {
            guard case .mapping = entry, let pair = yaml.fields(entry, "\(what) disaggregation", allowed: nil) else {
                yaml.report("\(what): each disaggregation entry must be {field, value}", at: entry)
                continue
            }
            guard let field = pair.string("field") else {
                yaml.report("\(what): a disaggregation entry has no 'field'", at: entry)
                continue
            }
            if !fieldsSeen.insert(field).inserted {
                yaml.report("\(what): disaggregation field '\(field)' appears twice", at: entry)
            }
            // `value:` with nothing after it selects rows where the column is empty; nil in the model.
            o.disaggregation.append(OpenSDGField(field: field, value: pair.string("value")))
        }
        return o
    }

    private func year(_ f: Fields, _ key: String) -> Int? {
        guard let v = f.number(key, quotedAllowed: true) else { return nil }
        guard v == v.rounded(), abs(v) < 100_000 else {
            f.reader.report("\(f.what): '\(key)' must be a year, not \(v)", at: f[key])
            return nil
        }
        return Int(v)
    }

    // MARK: Data

    /// Streams every `data/indicator_*.csv`, in id order, row by row. Throws `DataFileError` at the first problem:
    /// a file without `Year` or `Value`, a repeated or unnamed column, a row whose cell count differs from the
    /// header's, an empty `Year`.
    public func read(emit: (OpenSDGRecord) throws -> Void) throws {
        let folder = OpenSDGFolder(directory: directory)
        try folder.requireData()
        for (id, name) in folder.data {
            try read(file: name, indicator: id, emit: emit)
        }
    }

    /// Streams one data file (`data/indicator_<id>.csv`, relative to the repository).
    public func read(file name: String, indicator id: String, emit: (OpenSDGRecord) throws -> Void) throws {
        let csv = CSVReader(url: directory.appendingPathComponent(name), name: name, delimiter: ",", encoding: .utf8)
        try Self.readDataFile(csv, indicator: id, name: name, emit: emit)
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
            let comments = l.comments.map { row.cells[$0].trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let record = SourceRecord(indicator: indicator, region: region, period: year, breakdown: breakdown,
                                      value: value(row.cells[l.value]),
                                      note: comments.isEmpty ? nil : comments.joined(separator: "; "),
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
        // Spaces and tabs around a number are the writer's slip (`115000\t` in Statistics Canada's 2-5-1): pandas,
        // which Open SDG's build reads with, ignores them too.
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .missing }
        if let number = Double(trimmed), number.isFinite { return .number(number) }
        return .text(cell)
    }
}

/// Which column of a data file holds what.
private struct DataLayout {
    let header: [String]
    let year: Int
    let value: Int
    let progress: Int?
    let geoCode: Int?
    /// `COMMENT_OBS`, `COMMENT_OBS_0`, `COMMENT_OBS_1`…: SDMX's comment on an observation, an attribute of the value
    /// (its note), not a disaggregation; Open SDG's build drops such observation attributes before it looks for the
    /// headline.
    let comments: [Int]
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
        let names = row.cells
        let comments = names.indices.filter { names[$0] == "COMMENT_OBS" || names[$0].hasPrefix("COMMENT_OBS_") }
        self.comments = comments
        let special: Set<Int> = Set([year, value, progress, geoCode].compactMap { $0 } + comments)
        breakdown = header.indices.filter { !special.contains($0) }
        seriesOrUnits = Set(["Series", "Units"].compactMap { seen[$0] })
    }
}
