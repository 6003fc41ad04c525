import Foundation
import KoersCore

/// The file formats `koers import` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
    case auto, csv, xlsx, sdmxCSV = "sdmx-csv", jsonStat = "json-stat", jsonRecords = "json-records",
         eurostatTSV = "eurostat-tsv", openSDG = "open-sdg"

    /// The format a path most likely holds: by extension, and for CSV by its first line (SDMX-CSV starts with
    /// `DATAFLOW` or `STRUCTURE`); a folder with `data/` and `meta/` is an Open SDG repository.
    public static func detect(_ url: URL) -> ImportFormat {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue { return .openSDG }
        switch url.pathExtension.lowercased() {
        case "xlsx": return .xlsx
        case "json":
            // JSON-stat describes its dimensions or names its class; a plain export is a list of records.
            guard let handle = try? FileHandle(forReadingFrom: url), let head = try? handle.read(upToCount: 1 << 16) else { return .jsonStat }
            try? handle.close()
            let text = String(decoding: head, as: UTF8.self)
            return text.contains("\"dimension\"") || text.contains("\"class\"") ? .jsonStat : .jsonRecords
        case "tsv": return .eurostatTSV
        default:
            guard let handle = try? FileHandle(forReadingFrom: url), let head = try? handle.read(upToCount: 256) else { return .csv }
            try? handle.close()
            let first = String(decoding: head.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
                .replacingOccurrences(of: "\u{FEFF}", with: "").uppercased()
            return first.hasPrefix("DATAFLOW") || first.hasPrefix("STRUCTURE") ? .sdmxCSV : .csv
        }
    }
}

/// Problems that stop an import: the first ones (up to the limit) and how many there were in all.
public struct ImportProblems: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public var total: Int

    public init(diagnostics: [Diagnostic], total: Int) {
        self.diagnostics = diagnostics
        self.total = total
    }

    public var description: String {
        (diagnostics.map(\.description) + (total > diagnostics.count ? ["… and \(total - diagnostics.count) more problems"] : []))
            .joined(separator: "\n")
    }
}

/// What reading one file produced before it reached the store.
public struct ReadSummary: Sendable, Hashable {
    public var records = 0
    /// Empty cells, `:` and nulls: gaps, not stored.
    public var empty = 0
    /// Rows skipped because the mapping says so (no region), each reported.
    public var skipped: [Diagnostic] = []
    public var skippedCount = 0

    public init() {}
}

/// One file to import: reads its records in its format, validates them and hands observations on, collecting
/// every problem (up to `limit` in detail) so that one run shows them all.
public struct FileImport: Sendable {
    public let url: URL
    public let name: String
    public let format: ImportFormat
    public let mapping: ImportMapping
    /// For an Open SDG repository imported file by file: the one data file (`data/indicator_1-3-1.csv`) this import
    /// reads; nil reads them all.
    public let dataFile: String?
    public var limit = 50

    public init(url: URL, name: String, format: ImportFormat = .auto, mapping: ImportMapping = ImportMapping(),
                dataFile: String? = nil) {
        self.url = url
        self.name = name
        self.dataFile = dataFile
        self.format = format == .auto ? ImportFormat.detect(url) : format
        var mapping = mapping
        // An Open SDG Year column holds years, never months: `2011-12` there is a fiscal or school year.
        if self.format == .openSDG, mapping.yearPairs == nil { mapping.yearPairs = .yearSpan }
        self.mapping = mapping
    }

    /// One import per data file of an Open SDG repository, named `<repository>/data/indicator_<id>.csv`; any other
    /// file is one import already.
    public func eachFile() throws -> [FileImport] {
        guard format == .openSDG, dataFile == nil else { return [self] }
        let base = name.hasSuffix("/") ? String(name.dropLast()) : name
        return try OpenSDGRepository(directory: url, region: mapping.constants["region"]).dataFiles().map {
            FileImport(url: url, name: "\(base)/\($0.file)", format: format, mapping: mapping, dataFile: $0.file)
        }
    }

    /// The file whose bytes this import reads: the data file of a one-file Open SDG import, else the path itself.
    public var contentURL: URL { dataFile.map { url.appendingPathComponent($0) } ?? url }

    /// The records of the file, in file order; structural problems of single rows go to `problem`.
    public func records(emit: (SourceRecord) throws -> Void, problem: (Diagnostic) -> Void) throws {
        switch format {
        case .csv, .auto:
            try TableRecords(source: CSVReader(url: url, name: name), mapping: mapping, file: name).read(emit: emit, problem: problem)
        case .xlsx:
            try TableRecords(source: XLSXReader(url: url, name: name, sheet: mapping.sheet), mapping: mapping, file: name)
                .read(emit: emit, problem: problem)
        case .sdmxCSV: try read(with: SDMXCSVReader(), emit: emit)
        case .jsonStat: try read(with: JSONStatReader(), emit: emit)
        case .jsonRecords:
            try TableRecords(source: JSONRecordsReader(url: url, name: name), mapping: mapping, file: name).read(emit: emit, problem: problem)
        case .eurostatTSV: try read(with: EurostatTSVReader(), emit: emit)
        case .openSDG: try OpenSDGRepository(directory: url, region: mapping.constants["region"]).read(file: dataFile, emit: emit)
        }
    }

    private func read(with reader: some RecordReader, emit: (SourceRecord) throws -> Void) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataFileError([Diagnostic(file: name, line: 1, column: 1, message: "cannot read the file")])
        }
        // Mapping constants, filters and ignored dimensions apply to structured formats as to tables.
        try reader.read([UInt8](data), name: name) { record in
            var r = record
            for (dimension, values) in mapping.filter {
                let value = dimension == "region" ? r.region : dimension == "period" ? r.period : r.breakdown[dimension] ?? ""
                if !values.contains(value) { return }
            }
            for dimension in mapping.ignore { r.breakdown[dimension] = nil }
            if r.indicator == nil || r.indicator == "" { r.indicator = mapping.constants["indicator"] }
            if r.region.isEmpty, let region = mapping.constants["region"] { r.region = region }
            if r.period.isEmpty, let period = mapping.constants["period"] { r.period = period }
            try emit(r)
        }
    }

    /// Validates every record and sends each observation on; throws `ImportProblems` when any record or row was
    /// refused, after reading the whole file.
    public func observations(validator: Validator, emit: (Observation, Location) throws -> Void) throws -> ReadSummary {
        var summary = ReadSummary()
        var problems: [Diagnostic] = []
        var total = 0
        let note = { (d: Diagnostic) in
            total += 1
            if problems.count < limit { problems.append(d) }
        }
        do {
            try records(emit: { record in
                summary.records += 1
                let region = record.region.trimmingSpaces
                let skip = mapping.skipUnlocated && region.isEmpty ? "no region: row skipped (skip_unlocated)"
                    : mapping.skipRegions.contains(region) ? "region \(region) skipped (skip_regions)" : nil
                if let skip {
                    summary.skippedCount += 1
                    if summary.skipped.count < limit { summary.skipped.append(record.location.diagnostic(skip)) }
                    return
                }
                switch validator.validate(record) {
                case .success(let observation?):
                    // After the first problem nothing will be written: stop sending, keep checking.
                    if total == 0 { try emit(observation, record.location) }
                case .success(nil): summary.empty += 1
                case .failure(let problem): note(problem)
                }
            }, problem: note)
        } catch let error as DataFileError {
            error.diagnostics.forEach(note)
        }
        guard total == 0 else { throw ImportProblems(diagnostics: problems, total: total) }
        return summary
    }
}
