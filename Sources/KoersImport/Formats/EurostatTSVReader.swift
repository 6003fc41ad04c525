import Foundation
import KoersCore

/// Reads Eurostat's bulk TSV: a header like `freq,unit,geo\TIME_PERIOD` followed by one column per period, and one
/// row per series whose first cell is its comma-separated key. Each cell (`123.4`, `12 e`, `: c`, `: @C`) is one
/// record: the number as text (`:` is missing), each flag letter a flag, and a confidentiality status after `@`
/// (Eurostat's format since 2025) as one flag. `geo` is the region, the other key dimensions the breakdown; the
/// file does not name its indicator.
public struct EurostatTSVReader: RecordReader {
    public init() {}

    public func read(_ data: [UInt8], name: String, emit: (SourceRecord) throws -> Void) throws {
        var header: EurostatTSVHeader?
        try CSVReader(bytes: data, name: name, delimiter: "\t").forEachRow { row in
            guard let header else {
                header = try EurostatTSVHeader(row, file: name)
                return
            }
            try header.read(row, file: name, emit: emit)
        }
        guard header != nil else {
            throw DataFileError([Diagnostic(file: name, line: 1, column: 1, message: "the file is empty")])
        }
    }

    /// A cell's value and flags: `123.4 p` → (`123.4`, [p]); `: c` → (missing, [c]); `: @C` → (missing, [C]).
    static func parse(_ cell: String) -> (SourceValue, [String]) {
        let text = cell.trimmingCharacters(in: .whitespaces)
        let value: SourceValue
        let flagText: Substring
        if text.hasPrefix(":") {
            value = .missing
            flagText = text.dropFirst()
        } else if let space = text.firstIndex(where: \.isWhitespace) {
            value = .text(String(text[..<space]))
            flagText = text[space...]
        } else {
            value = text.isEmpty ? .missing : .text(text)
            flagText = ""
        }
        var flags: [String] = []
        for token in flagText.split(whereSeparator: \.isWhitespace) {
            let parts = token.split(separator: "@", omittingEmptySubsequences: false)
            flags += parts[0].map(String.init)  // `bep`: three observation flags
            flags += parts.dropFirst().filter { !$0.isEmpty }.map(String.init)  // `@C`: one confidentiality status
        }
        return (value, flags)
    }
}

/// The dimensions and periods named by the header row.
private struct EurostatTSVHeader {
    let dimensions: [String]
    let periods: [String]
    let region: Int?
    let line: Int

    init(_ row: TableRow, file: String) throws {
        let first = row.cells[0].trimmingCharacters(in: .whitespaces)
        guard let backslash = first.lastIndex(of: "\\") else {
            throw DataFileError([row.location(ofCell: 0, file: file).diagnostic(
                "the first header cell `\(first)` should name the key's dimensions and the time dimension, like `freq,unit,geo\\TIME_PERIOD`")])
        }
        dimensions = first[..<backslash].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if let empty = dimensions.firstIndex(of: "") {
            throw DataFileError([row.location(ofCell: 0, file: file).diagnostic(
                "dimension \(empty + 1) in the first header cell `\(first)` has no name")])
        }
        periods = row.cells.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        guard !periods.isEmpty else {
            throw DataFileError([row.location(ofCell: 0, file: file).diagnostic("the header has no period columns")])
        }
        if let empty = periods.firstIndex(of: "") {
            throw DataFileError([row.location(ofCell: empty + 1, file: file).diagnostic("this header cell names no period")])
        }
        region = dimensions.firstIndex { $0.lowercased() == "geo" }
        line = row.line
    }

    func read(_ row: TableRow, file: String, emit: (SourceRecord) throws -> Void) throws {
        guard row.cells.count == periods.count + 1 else {
            let at = row.cells.count > periods.count + 1 ? periods.count + 1 : row.cells.count - 1
            throw DataFileError([row.location(ofCell: at, file: file).diagnostic(
                "this row has \(row.cells.count) cells but the header has \(periods.count + 1) (a key and \(periods.count) period\(periods.count == 1 ? "" : "s"))")])
        }
        let key = row.cells[0].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard key.count == dimensions.count else {
            throw DataFileError([row.location(ofCell: 0, file: file).diagnostic(
                "the key `\(row.cells[0])` has \(key.count) part\(key.count == 1 ? "" : "s") but the header names \(dimensions.count) dimensions (\(dimensions.joined(separator: ",")))")])
        }
        var breakdown: [String: String] = [:]
        for (k, dimension) in dimensions.enumerated() where k != region { breakdown[dimension] = key[k] }
        let regionCode = region.map { key[$0] } ?? ""
        for (j, period) in periods.enumerated() {
            let (value, flags) = EurostatTSVReader.parse(row.cells[j + 1])
            try emit(SourceRecord(indicator: nil, region: regionCode, period: period, breakdown: breakdown,
                                  value: value, flags: flags, location: row.location(ofCell: j + 1, file: file)))
        }
    }
}
