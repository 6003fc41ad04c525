import Foundation
import KoersCore
import KoersPlanFiles
import Yams

/// How to read a file that is not Koers's canonical long CSV: which column holds what, code lists, scaling,
/// constants. Written by an analyst as a small YAML file (see `docs/import.md`).
public struct ImportMapping: Sendable, Hashable {
    /// Column names (as in the header) for the record's parts; nil means the canonical name (`indicator`, `region`,
    /// `period`, `value`, `flag`), matched without regard to case. The period may be a template of columns,
    /// `"{year}-{quarter}"`, for files that split it.
    public var indicatorColumn: String?
    public var regionColumn: String?
    public var periodColumn: String?
    public var valueColumn: String?
    public var flagColumn: String?
    /// Breakdown dimension → column. Without it, every column that is not one of the above becomes a breakdown.
    public var breakdown: [String: String]?
    /// Fixed values for what the file does not say: `indicator`, `region`, `period`, or a breakdown dimension.
    public var constants: [String: String] = [:]
    /// The file's indicator codes → Koers's.
    public var indicators: [String: String] = [:]
    /// The file's region codes or names → Koers's region codes.
    public var regions: [String: String] = [:]
    /// Columns (or dimensions) to leave out entirely (labels, constant dimensions such as `freq`).
    public var ignore: Set<String> = []
    /// Each value is multiplied by this (1000 when the file counts in thousands).
    public var scale: Double = 1
    public var decimal: DecimalSeparator?
    /// XLSX: the sheet to read (the first when nil).
    public var sheet: String?
    /// The citation stored with every value (the file name when nil).
    public var source: String?
    /// Periods as columns (a wide table). Nil: wide when there is no period column and some headers are periods.
    public var wide: Bool?
    /// Rows without a region ("Onbepaalde locatie") are skipped and each one reported, instead of refusing the file.
    public var skipUnlocated = false
    /// The boundaries the file's region names refer to (`2025`: Statbel's "geografie 2025" files name the merged
    /// municipalities for every year). Without it, a name is read as the region that existed in the value's period.
    public var boundaries: Day?
    /// Region codes to leave out, each skipped row reported (NUTS codes with no Belgian region, such as BE10).
    public var skipRegions: Set<String> = []
    /// Only rows whose column (or, in JSON-stat, SDMX and Eurostat files, dimension) holds one of the listed values
    /// (`{CD_REFNIS_LVL: ["5"]}`: municipalities only; `{sex: [T], age: [TOTAL]}`).
    public var filter: [String: Set<String>] = [:]
    /// Cell texts that mean "no value" besides an empty cell (`nan` from pandas exports, `:` from Eurostat).
    public var missing: Set<String> = ["nan", "NaN", ":"]
    /// The order of day and month in dates that fit both (`01/02/2020`): `day-month` in Belgian files.
    public var dates: DateOrder?
    /// What `2011-12` is: a school or fiscal year (`year-span`) or December 2011 (`month`).
    public var yearPairs: YearPairReading?

    public init() {}

    /// Reads a mapping file; problems come back with their line.
    public static func load(_ url: URL, name: String) throws(DataFileError) -> ImportMapping {
        let reader = YAMLReader(file: name)
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw DataFileError([Diagnostic(file: name, line: 1, column: 1, message: "cannot read the mapping file as UTF-8 text")])
        }
        var mapping = ImportMapping()
        let keys: Set<String> = ["columns", "breakdown", "constants", "indicators", "regions", "ignore", "scale", "decimal",
                                 "sheet", "source", "wide", "skip_unlocated", "skip_regions", "filter", "missing", "boundaries",
                                 "dates", "year_pairs"]
        if let root = reader.fields(reader.compose(text), "mapping", allowed: keys) {
            if let c = reader.fields(root["columns"], "columns", allowed: ["indicator", "region", "period", "value", "flag"]) {
                mapping.indicatorColumn = c.string("indicator")
                mapping.regionColumn = c.string("region")
                mapping.periodColumn = c.string("period")
                mapping.valueColumn = c.string("value")
                mapping.flagColumn = c.string("flag")
            }
            if root["breakdown"] != nil { mapping.breakdown = Self.pairs(root, "breakdown") }
            mapping.constants = Self.pairs(root, "constants")
            mapping.indicators = Self.pairs(root, "indicators")
            mapping.regions = Self.pairs(root, "regions")
            mapping.ignore = Set(root.strings("ignore").map(\.0))
            if let scale = root.number("scale") {
                if scale > 0 { mapping.scale = scale } else { reader.report("mapping: 'scale' must be positive", at: root["scale"]) }
            }
            mapping.decimal = root.choice("decimal", DecimalSeparator.self)
            mapping.dates = root.choice("dates", DateOrder.self)
            mapping.yearPairs = root.choice("year_pairs", YearPairReading.self)
            mapping.sheet = root.string("sheet")
            mapping.source = root.string("source")
            mapping.wide = root.bool("wide")
            mapping.skipUnlocated = root.bool("skip_unlocated") ?? false
            mapping.skipRegions = Set(root.strings("skip_regions").map(\.0))
            if let text = root.string("boundaries") {
                mapping.boundaries = Day(text) ?? Int(text).map { Day(year: $0, month: 1, day: 1) }
                if mapping.boundaries == nil { root.reader.report("mapping: 'boundaries' is a year or a date, not '\(text)'", at: root["boundaries"]) }
            }
            if root["missing"] != nil { mapping.missing = Set(root.strings("missing").map(\.0)) }
            if let node = root["filter"] {
                if case .mapping(let m) = node {
                    for (k, v) in m {
                        guard let column = k.string else { continue }
                        let values = v.string.map { [$0] } ?? root.reader.sequence(v, "filter \(column)").compactMap(\.string)
                        mapping.filter[column] = Set(values)
                    }
                } else {
                    root.reader.report("mapping: 'filter' maps a column to the values to keep", at: node)
                }
            }
        }
        guard reader.diagnostics.isEmpty else { throw DataFileError(reader.diagnostics) }
        return mapping
    }

    /// A mapping of text to text (`{Kortrijk: "34022"}`).
    private static func pairs(_ root: Fields, _ key: String) -> [String: String] {
        guard let node = root[key] else { return [:] }
        guard case .mapping(let m) = node else {
            root.reader.report("mapping: '\(key)' must map names to values", at: node)
            return [:]
        }
        var result: [String: String] = [:]
        for (k, v) in m {
            guard let ks = k.string, let vs = v.string else {
                root.reader.report("mapping: every entry of '\(key)' maps a text to a text", at: k)
                continue
            }
            result[ks] = vs
        }
        return result
    }
}
