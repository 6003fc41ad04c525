import KoersCore

/// Turns the rows of a table-shaped file (CSV, XLSX) into source records, following a mapping.
///
/// Two shapes: long (one value per row, with indicator, region, period and value columns) and wide (periods as
/// column headers, `2019;2020;2021`). The first row is the header.
public struct TableRecords {
    public let source: any TableSource
    public let mapping: ImportMapping
    public let file: String

    public init(source: any TableSource, mapping: ImportMapping, file: String) {
        self.source = source
        self.mapping = mapping
        self.file = file
    }

    /// How the header's columns are used.
    struct Layout {
        var indicator: Int?
        var region: Int?
        var period: Int?
        var value: Int?
        var flag: Int?
        /// Rows are kept only when these columns hold one of the values.
        var filter: [(column: Int, values: Set<String>)] = []
        /// A period written across columns: the template's parts, literal text or a column.
        var periodTemplate: [(text: String, column: Int?)]?
        var breakdown: [(dimension: String, column: Int)] = []
        /// Wide tables: column → the period its header names.
        var periods: [(column: Int, period: String)] = []
        var width: Int
    }

    /// Reads every row; structural problems (a row with the wrong number of cells, a missing column) are collected
    /// into `problems` and the row skipped, so that one run lists them all.
    public func read(emit: (SourceRecord) throws -> Void, problem: (Diagnostic) -> Void) throws {
        var layout: Layout?
        try source.forEachRow { row in
            guard let current = layout else {
                layout = try makeLayout(header: row)
                return
            }
            guard row.cells.count == current.width else {
                // Trailing empty cells (Excel pads rows) are harmless; anything else is a broken row.
                if row.cells.count > current.width, row.cells[current.width...].allSatisfy(\.isEmpty) {
                    try records(of: row, current, emit: emit)
                } else {
                    problem(row.location(ofCell: min(row.cells.count, current.width) - 1, file: file).diagnostic(
                        "this row has \(row.cells.count) cells but the header has \(current.width) (a separator inside an unquoted value, or mixed separators?)"))
                }
                return
            }
            try records(of: row, current, emit: emit)
        }
        if layout == nil { throw DataFileError([Diagnostic(file: file, line: 1, column: 1, message: "the file is empty")]) }
    }

    private func records(of row: TableRow, _ l: Layout, emit: (SourceRecord) throws -> Void) throws {
        for (column, values) in l.filter where !values.contains(row.cells[column].trimmingSpaces) { return }
        let cell = { (i: Int?) -> String? in i.map { row.cells[$0].trimmingSpaces } }
        let indicator = cell(l.indicator) ?? mapping.constants["indicator"]
        let region = cell(l.region) ?? mapping.constants["region"] ?? ""
        var breakdown: [String: String] = [:]
        for (dimension, column) in l.breakdown where !row.cells[column].trimmingSpaces.isEmpty {
            breakdown[dimension] = row.cells[column].trimmingSpaces
        }
        for (key, value) in mapping.constants where !["indicator", "region", "period"].contains(key) { breakdown[key] = value }
        let flags = cell(l.flag).map { $0.isEmpty ? [] : [$0] } ?? []
        let column = { (i: Int?) in i.map { row.columns[$0] } }
        let columns = FieldColumns(indicator: column(l.indicator), region: column(l.region), period: column(l.period))
        func value(_ text: String) -> SourceValue {
            let t = text.trimmingSpaces
            return t.isEmpty || mapping.missing.contains(t) ? .missing : .text(text)
        }
        if let valueColumn = l.value {
            let fromTemplate = l.periodTemplate.map { $0.map { part in part.column.map { row.cells[$0].trimmingSpaces } ?? part.text }.joined() }
            let period = fromTemplate ?? cell(l.period) ?? mapping.constants["period"] ?? ""
            var record = SourceRecord(indicator: indicator, region: region, period: period, breakdown: breakdown,
                                      value: value(row.cells[valueColumn]), flags: flags,
                                      location: row.location(ofCell: valueColumn, file: file))
            record.columns = columns
            try emit(record)
        } else {
            for (periodColumn, period) in l.periods {
                var record = SourceRecord(indicator: indicator, region: region, period: period, breakdown: breakdown,
                                          value: value(row.cells[periodColumn]), flags: flags,
                                          location: row.location(ofCell: periodColumn, file: file))
                // In a wide table the period is the column's header.
                record.columns = FieldColumns(indicator: columns.indicator, region: columns.region, period: nil)
                try emit(record)
            }
        }
    }

    /// "{year}-{quarter}" → ["{year}", "-", "{quarter}"].
    static func parts(of template: String) -> [String] {
        var parts: [String] = [], current = ""
        for c in template {
            if c == "{", !current.isEmpty { parts.append(current); current = "" }
            current.append(c)
            if c == "}" { parts.append(current); current = "" }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    private func makeLayout(header row: TableRow) throws -> Layout {
        let names = row.cells.map(\.trimmingSpaces)
        var used = Set<Int>()
        var missing: [String] = []
        func column(_ configured: String?, _ canonical: String, required: Bool) -> Int? {
            let wanted = configured ?? canonical
            if let i = names.firstIndex(where: { $0.caseInsensitiveCompare(wanted) == .orderedSame }) {
                used.insert(i)
                return i
            }
            if configured != nil || required { missing.append(wanted) }
            return nil
        }
        var layout = Layout(width: names.count)
        layout.indicator = column(mapping.indicatorColumn, "indicator", required: mapping.constants["indicator"] == nil && mapping.indicatorColumn != nil)
        layout.region = column(mapping.regionColumn, "region", required: mapping.constants["region"] == nil)
        layout.flag = column(mapping.flagColumn, "flag", required: false)
        // A header that could be two periods (`2011-12`) is still a period column; the validator asks which.
        let periodsInHeader: [(Int, String)] = names.enumerated().compactMap { i, name in
            PeriodNotation.read(name) == .invalid ? nil : (i, name)
        }
        let wide = mapping.wide ?? (mapping.periodColumn == nil && !names.contains { $0.lowercased() == "period" } && !periodsInHeader.isEmpty)
        if wide {
            layout.periods = periodsInHeader.map { (column: $0.0, period: $0.1) }
            used.formUnion(periodsInHeader.map(\.0))
            if layout.periods.isEmpty { missing.append("period columns (headers such as 2019, 2020-Q1)") }
        } else if let template = mapping.periodColumn, template.contains("{") {
            layout.periodTemplate = Self.parts(of: template).map { part in
                guard part.hasPrefix("{") else { return (part, nil) }
                return ("", column(String(part.dropFirst().dropLast()), "", required: true))
            }
            layout.value = column(mapping.valueColumn, "value", required: true)
        } else {
            layout.period = column(mapping.periodColumn, "period", required: mapping.constants["period"] == nil)
            layout.value = column(mapping.valueColumn, "value", required: true)
        }
        for (name, values) in mapping.filter.sorted(by: { $0.key < $1.key }) {
            if let i = column(name, name, required: true) { layout.filter.append((i, values)) }
        }
        if let configured = mapping.breakdown {
            for (dimension, name) in configured.sorted(by: { $0.key < $1.key }) {
                if let i = column(name, name, required: true) { layout.breakdown.append((dimension, i)) }
            }
        } else {
            for (i, name) in names.enumerated() where !used.contains(i) && !mapping.ignore.contains(name) && !name.isEmpty {
                layout.breakdown.append((name, i))
            }
        }
        guard missing.isEmpty else {
            throw DataFileError([Diagnostic(file: file, line: row.line, column: 1, message:
                "the header has no column \(missing.map { "'\($0)'" }.joined(separator: ", ")) (columns: \(names.joined(separator: ", ")))")])
        }
        return layout
    }
}

extension String {
    /// Without surrounding spaces, tabs and non-breaking spaces.
    var trimmingSpaces: String {
        // Most cells have nothing to trim: check the first and last bytes before looking at characters.
        let plain = utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return true }
            return first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80
        }
        if plain ?? false { return self }
        if isEmpty { return self }
        let spaces: Set<Character> = [" ", "\t", "\u{00A0}", "\r"]
        guard let start = firstIndex(where: { !spaces.contains($0) }) else { return "" }
        let end = lastIndex(where: { !spaces.contains($0) })!
        return String(self[start...end])
    }
}
