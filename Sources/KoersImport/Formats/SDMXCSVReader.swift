import Foundation
import KoersCore

/// Reads SDMX-CSV 1.0 (first column `DATAFLOW`) and 2.0/2.1 (`STRUCTURE`, `STRUCTURE_ID`, optional `ACTION`),
/// including the label variants (`FREQ: Frequency` headers and `A: Annual` cells; a label column after each
/// component with `STRUCTURE_NAME`). One record per row: `TIME_PERIOD` is the period, `OBS_VALUE` the value (as
/// text, for the validator to parse), `OBS_STATUS`, `OBS_FLAG` and `CONF_STATUS` the flags, `geo` or `REF_AREA` the
/// region, the dataflow or structure id the indicator (as written; the mapping translates it), and the other
/// dimensions the breakdown.
///
/// Rows that delete observations (`ACTION` `D`) are refused: an import adds values, it cannot apply deletions.
public struct SDMXCSVReader: RecordReader {
    public init() {}

    public func read(_ data: [UInt8], name: String, emit: (SourceRecord) throws -> Void) throws {
        var layout: SDMXLayout?
        try CSVReader(bytes: data, name: name).forEachRow { row in
            guard let layout else {
                layout = try SDMXLayout(header: row, file: name)
                return
            }
            try emit(try layout.record(row, file: name))
        }
        guard layout != nil else {
            throw DataFileError([Diagnostic(file: name, line: 1, column: 1, message: "the file is empty")])
        }
    }
}

/// What each column of an SDMX-CSV file holds, read from its header.
private struct SDMXLayout {
    let columnCount: Int
    /// `component: label` headers: cells carry `code: label` too.
    let labelsInCells: Bool
    let structure: Int
    let action: Int?
    let period: Int
    let value: Int
    let region: Int?
    let flags: [(column: Int, splitLetters: Bool)]
    let dimensions: [(column: Int, code: String)]

    /// Attributes that may stand before `TIME_PERIOD` and `OBS_VALUE` and must not be taken for dimensions. Columns
    /// after them are attributes anyway: SDMX puts the time dimension last and the measure after the dimensions.
    static let attributes: Set<String> = [
        "LAST UPDATE", "UNIT_MULT", "DECIMALS", "OBS_CONF", "OBS_PRE_BREAK", "OBS_COM", "COMMENT_OBS", "COMMENT_TS",
        "COMMENT_DSET", "TITLE", "TITLE_COMPL", "TIME_FORMAT", "TIME_PER_COLLECT", "EMBARGO_TIME", "SOURCE_AGENCY",
        "COMPILATION", "COVERAGE", "NAT_TITLE", "PUBL_PUBLIC", "PUBL_ECB", "PUBL_MU", "BREAKS", "DATA_COMP",
        "SERIES_KEY", "OBS_KEY",
    ]
    static let flagColumns: Set<String> = ["OBS_STATUS", "OBS_FLAG", "CONF_STATUS"]
    static let regionColumns: Set<String> = ["GEO", "REF_AREA"]
    static let actions: Set<String> = ["", "I", "A", "R", "M"]

    init(header: TableRow, file: String) throws {
        func problem(_ index: Int, _ message: String) -> Diagnostic {
            header.location(ofCell: index, file: file).diagnostic(message)
        }
        let labelled = header.cells.dropFirst().contains { $0.contains(": ") }
        labelsInCells = labelled
        let codes = header.cells.map { Self.code($0, labelled: labelled) }
        columnCount = codes.count
        let upper = codes.map { $0.uppercased() }

        // The fixed columns, then the components (every other column when each is followed by its label).
        var firstComponent: Int
        switch upper.first {
        case "DATAFLOW":
            structure = 0
            firstComponent = 1
        case "STRUCTURE":
            guard upper.count > 1, upper[1] == "STRUCTURE_ID" else {
                throw DataFileError([problem(1, "the second column is `\(codes.count > 1 ? codes[1] : "")`, but SDMX-CSV 2.0 has STRUCTURE_ID there")])
            }
            structure = 1
            firstComponent = 2
        default:
            throw DataFileError([problem(0, "the first column is `\(codes.first ?? "")`, but SDMX-CSV starts with DATAFLOW (version 1.0) or STRUCTURE (2.0)")])
        }
        let labelColumns = upper.count > firstComponent && upper[firstComponent] == "STRUCTURE_NAME"
        if labelColumns { firstComponent += 1 }
        if upper.count > firstComponent, upper[firstComponent] == "ACTION" {
            action = firstComponent
            firstComponent += 1
        } else {
            action = nil
        }
        let components = Array(stride(from: firstComponent, to: codes.count, by: labelColumns ? 2 : 1))

        let period = components.first { upper[$0] == "TIME_PERIOD" }
        let value = components.first { upper[$0] == "OBS_VALUE" }
        var missing: [Diagnostic] = []
        if value == nil {
            missing.append(problem(0, "the header has no OBS_VALUE column (files whose measure has another name are not supported)"))
        }
        if period == nil { missing.append(problem(0, "the header has no TIME_PERIOD column")) }
        guard let period, let value else { throw DataFileError(missing) }
        self.period = period
        self.value = value

        var region: Int?
        var flags: [(column: Int, splitLetters: Bool)] = []
        var dimensions: [(column: Int, code: String)] = []
        for k in components where k != period && k != value {
            if Self.flagColumns.contains(upper[k]) {
                // Eurostat's OBS_FLAG combines letters (`bp`), which its TSV gives one by one; keep both alike.
                flags.append((k, upper[k] == "OBS_FLAG"))
            } else if Self.regionColumns.contains(upper[k]), region == nil {
                region = k
            } else if k < min(period, value), !Self.attributes.contains(upper[k]) {
                dimensions.append((k, codes[k]))
            }
        }
        self.region = region
        self.flags = flags
        self.dimensions = dimensions
    }

    /// The code of a `code: label` text, or the text itself.
    static func code(_ text: String, labelled: Bool) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard labelled, let separator = trimmed.range(of: ": ") else { return trimmed }
        return String(trimmed[..<separator.lowerBound])
    }

    func record(_ row: TableRow, file: String) throws -> SourceRecord {
        guard row.cells.count == columnCount else {
            let at = row.cells.count > columnCount ? columnCount : row.cells.count - 1
            throw DataFileError([row.location(ofCell: at, file: file).diagnostic(
                "this row has \(row.cells.count) cells but the header has \(columnCount)")])
        }
        func cell(_ k: Int) -> String { Self.code(row.cells[k], labelled: labelsInCells) }

        if let action {
            let code = cell(action).uppercased()
            if code == "D" {
                throw DataFileError([row.location(ofCell: action, file: file).diagnostic(
                    "this row deletes an observation (ACTION D), which an import cannot apply: remove the row or download the data without deletions")])
            }
            guard Self.actions.contains(code) else {
                throw DataFileError([row.location(ofCell: action, file: file).diagnostic(
                    "unknown ACTION `\(cell(action))` (SDMX-CSV knows I, A, R, M and D)")])
            }
        }

        var breakdown: [String: String] = [:]
        for (k, code) in dimensions {
            let text = cell(k)
            if !text.isEmpty { breakdown[code] = text }  // several structures in one file leave others' columns empty
        }
        var flagList: [String] = []
        for (k, splitLetters) in flags {
            let text = cell(k)
            if splitLetters, text.count > 1, text.allSatisfy({ $0.isASCII && $0.isLowercase }) {
                flagList += text.map(String.init)
            } else if !text.isEmpty {
                flagList.append(text)
            }
        }
        let structureId = cell(structure)
        let valueText = cell(value)
        return SourceRecord(
            indicator: structureId.isEmpty ? nil : structureId,
            region: region.map(cell) ?? "",
            period: cell(period),
            breakdown: breakdown,
            value: valueText.isEmpty ? .missing : .text(valueText),
            flags: flagList,
            location: row.location(ofCell: value, file: file))
    }
}
