import Foundation
import KoersCore

/// An Open SDG repository as Koers stores it.
///
/// - one indicator per metadata or data file, coded by the Open SDG id (`3-2-1`), with the metadata's progress
///   settings; a data file's `Progress` column becomes a companion indicator `<id>-progress`, so that the values the
///   calculation uses are stored beside the published ones rather than instead of them;
/// - one region for the whole repository (its `Geography` column is a breakdown in Open SDG, and its `GeoCode` a
///   code for maps): the folder's name unless the mapping names one (`constants: {region: …}`);
/// - every other column, `GeoCode`, `Series` and `Units` included, as the breakdown.
public struct OpenSDGRepository: Sendable {
    public let directory: URL
    /// The region all values are stored under.
    public let region: String

    public static let progressSuffix = "-progress"

    public init(directory: URL, region: String? = nil) {
        self.directory = directory
        self.region = region ?? Self.defaultRegion(directory)
    }

    /// `open-sdg-canada` for a folder named `open-sdg-canada`: lower case, other characters as `-`.
    public static func defaultRegion(_ directory: URL) -> String {
        let name = directory.standardizedFileURL.lastPathComponent.lowercased()
        let code = String(name.map { $0.isLetter || $0.isNumber ? $0 : "-" })
        return code.isEmpty ? "open-sdg" : code
    }

    /// The repository's own region, to add when the store does not have it.
    public var regionDefinition: Region {
        Region(code: region, name: LocalizedText(nl: directory.standardizedFileURL.lastPathComponent), level: .country)
    }

    /// What the folder holds besides indicators, for the import's report.
    public func skipped() -> [OpenSDGFolder.Skipped] { OpenSDGFolder(directory: directory).skipped }

    /// The data files, `(id, data/indicator_<id>.csv)`: one indicator (and its `-progress` companion) each.
    public func dataFiles() throws -> [(id: String, file: String)] {
        let folder = OpenSDGFolder(directory: directory)
        try folder.requireData()
        return folder.data
    }

    /// The indicators the repository defines: from its metadata, and for data files without metadata by their id.
    /// Their periods sit at their start, as Open SDG's build places `2014/2015` at 2014.
    public func indicators() throws -> [Indicator] {
        let reader = OpenSDGReader(directory: directory)
        let metas = try reader.indicators()
        let folder = directory.standardizedFileURL.lastPathComponent
        let periods = PeriodSettings(position: .start)
        var result: [Indicator] = []
        var seen = Set<String>()
        for meta in metas {
            seen.insert(meta.id)
            let name = meta.name ?? meta.id
            result.append(Indicator(code: meta.id, name: LocalizedText(nl: name), unit: .number, decimals: 2,
                                    direction: meta.progress.options.lazy.compactMap(\.direction).first ?? .none,
                                    source: "Open SDG: \(folder)", citation: "\(folder)/\(meta.file)",
                                    openSDG: meta.progress, periods: periods))
        }
        for (id, file) in try dataFiles() {
            if !seen.contains(id) {
                result.append(Indicator(code: id, name: LocalizedText(nl: id), unit: .number, decimals: 2,
                                        source: "Open SDG: \(folder)", citation: "\(folder)/\(file)", periods: periods))
            }
            if try hasProgressColumn(file) {
                let name = metas.first { $0.id == id }?.name ?? id
                result.append(Indicator(code: id + Self.progressSuffix, name: LocalizedText(nl: "\(name) (Progress)"),
                                        unit: .number, decimals: 2, source: "Open SDG: \(folder)",
                                        citation: "\(folder)/\(file), column Progress (the values of the progress calculation)",
                                        periods: periods))
            }
        }
        return result
    }

    /// Every value: the `Value` cells under their indicator, the `Progress` cells under the companion one. With
    /// `file`, only that data file's.
    public func read(file: String? = nil, emit: (SourceRecord) throws -> Void) throws {
        func each(_ row: OpenSDGRecord) throws {
            var record = row.record
            if !record.region.isEmpty { record.breakdown["GeoCode"] = record.region }
            record.region = region
            try emit(record)
            if let progress = row.progress {
                record.indicator = (record.indicator ?? "") + Self.progressSuffix
                record.value = progress
                try emit(record)
            }
        }
        let reader = OpenSDGReader(directory: directory)
        if let file {
            guard let entry = try dataFiles().first(where: { $0.file == file }) else {
                throw DataFileError([Diagnostic(file: file, line: 1, column: 1, message: "not a data file of this repository")])
            }
            try reader.read(file: entry.file, indicator: entry.id, emit: each)
        } else {
            try reader.read(emit: each)
        }
    }

    /// Whether a data file's header names a `Progress` column, read as the data is read (`OpenSDGReader`): with the CSV
    /// reader, so that a quoted header cell with a comma in it is one column.
    private func hasProgressColumn(_ file: String) throws -> Bool {
        let csv = CSVReader(url: directory.appendingPathComponent(file), name: file, delimiter: ",", encoding: .utf8)
        return try csv.firstRow()?.cells.contains("Progress") == true
    }
}
