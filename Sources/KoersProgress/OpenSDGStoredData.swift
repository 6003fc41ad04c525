import KoersCore

/// An Open SDG indicator as Koers stores it (see `OpenSDGRepository` in KoersImport), turned back into the table and
/// options the calculation reads. `GeoCode` is dropped (Open SDG ignores it here); `Series` and `Units` go back to
/// their own fields.
extension OpenSDGTable {
    /// The indicator's observations, and those of its `<id>-progress` companion when the data file had a
    /// `Progress` column (nil when it had none).
    public init(observations: [Observation], progress: [Observation]?) {
        var progressByKey: [String: Double] = [:]
        for p in progress ?? [] { progressByKey[Self.key(p)] = p.value }
        var rows = observations.map { o in
            Self.row(o, value: o.value, progress: progressByKey.removeValue(forKey: Self.key(o)))
        }
        // A Progress cell whose Value cell was empty: a row of its own.
        for p in progress ?? [] where progressByKey[Self.key(p)] != nil { rows.append(Self.row(p, value: nil, progress: p.value)) }
        self.init(rows: rows, hasProgressColumn: progress != nil)
    }

    private static func row(_ o: Observation, value: Double?, progress: Double?) -> OpenSDGRow {
        var breakdown: [String: String] = [:]
        for (column, cell) in o.breakdown.dimensions where column != "GeoCode" {
            breakdown[untranslated(column)] = untranslated(cell)
        }
        let series = breakdown.removeValue(forKey: OpenSDGSeries.seriesColumn)
        let unit = breakdown.removeValue(forKey: OpenSDGSeries.unitColumn)
        return OpenSDGRow(year: o.period.description, breakdown: breakdown, series: series, unit: unit, value: value,
                          progress: progress)
    }

    /// An Open SDG translation key (`data.Women`) as its text where the text is the key itself, as Open SDG's build
    /// shows a key it has no translation for. (Keys whose translation differs need the repository's translation
    /// files, which an Open SDG data folder does not contain.)
    static func untranslated(_ text: String) -> String { text.hasPrefix("data.") ? String(text.dropFirst(5)) : text }

    private static func key(_ o: Observation) -> String { o.period.description + "|" + o.breakdown.key }
}
