import KoersCore
import Yams

/// Reads an indicator catalogue: `indicators: [ {code, name, unit, …} ]`.
enum IndicatorFile {
    static let keys: Set<String> = ["indicators"]

    static func read(_ root: Fields, into parsed: inout ParsedFiles) {
        let reader = root.reader
        for node in reader.sequence(root["indicators"], "indicators") {
            guard let f = reader.fields(node, "indicator", allowed: ["code", "name", "definition", "unit", "decimals",
                                                                     "direction", "source", "processing", "frequency",
                                                                     "aggregation", "citation", "weight", "formula",
                                                                     "periods"]) else { continue }
            let code = f.slug("code", required: true)
            let name = f.localized("name", required: true)
            let unit = f.choice("unit", Unit.self, required: true)
            let decimals = f.integer("decimals") ?? 0
            if !(0...6).contains(decimals) { reader.report("indicator: 'decimals' must be 0 to 6", at: f["decimals"]) }
            let formula = f.string("formula")
            if let formula {
                do {
                    for input in try Formula(formula).inputs {
                        parsed.references.append(Reference(kind: .indicator, code: input, location: f.location(of: "formula")))
                    }
                } catch {
                    reader.report("indicator: 'formula' \(error.message)", at: f["formula"])
                }
            }
            let weight = f.slug("weight")
            if let weight { parsed.references.append(Reference(kind: .indicator, code: weight, location: f.location(of: "weight"))) }
            guard let code, let name, let unit else { continue }
            let indicator = Indicator(code: code, name: name, definition: f.localized("definition"), unit: unit,
                                      decimals: decimals, direction: f.choice("direction", Direction.self) ?? .none,
                                      source: f.string("source"), processing: f.string("processing"),
                                      frequency: f.choice("frequency", Frequency.self) ?? .annual,
                                      aggregation: f.choice("aggregation", Aggregation.self) ?? .none,
                                      citation: f.string("citation"), weight: weight, formula: formula,
                                      periods: periodSettings(f))
            parsed.indicators.append((indicator, f.location))
        }
    }

    /// `periods: {year_spans: school, year_start: "09-01", short: true, position: middle}`: what `2019-2020` is for the
    /// indicator, whether Koers writes it `2019-20`, and where a period sits on a time axis and in the progress methods.
    static func periodSettings(_ f: Fields) -> PeriodSettings {
        guard f["periods"] != nil else { return PeriodSettings() }
        guard let p = f.reader.fields(f["periods"], "periods", allowed: ["year_spans", "year_start", "short", "position"]) else {
            return PeriodSettings()
        }
        var start: YearStart?
        if let text = p.string("year_start") {
            start = YearStart(text)
            if start == nil { f.reader.report("periods: 'year_start' is a month and day, MM-DD (09-01), not '\(text)'", at: p["year_start"]) }
        }
        return PeriodSettings(yearSpans: p.choice("year_spans", YearSpanKind.self) ?? .school, yearStart: start,
                              shortYearSpans: p.bool("short") ?? false, position: p.choice("position", PeriodPosition.self) ?? .end)
    }
}
