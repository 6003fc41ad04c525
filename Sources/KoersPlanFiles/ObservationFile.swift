import KoersCore
import Yams

/// Reads figures a document states as facts: `sources:` (key → citation) and `observations: [ … ]`.
enum ObservationFile {
    static let keys: Set<String> = ["sources", "observations"]

    static func read(_ root: Fields, into parsed: inout ParsedFiles) {
        let reader = root.reader
        var sources: [String: String] = [:]
        if let node = root["sources"] {
            if case .mapping(let m) = node {
                for (k, v) in m {
                    guard let key = k.string, let citation = v.string, !citation.isEmpty else {
                        reader.report("sources: each entry maps a key to a citation text", at: k)
                        continue
                    }
                    sources[key] = citation
                }
            } else {
                reader.report("sources must map keys to citation texts", at: node)
            }
        }
        for node in reader.sequence(root["observations"], "observations") {
            guard let f = reader.fields(node, "observation", allowed: ["indicator", "region", "period", "value", "breakdown",
                                                                       "flags", "source", "note"]) else { continue }
            let indicator = f.string("indicator", required: true)
            let region = f.string("region", required: true)
            let period = f.period("period", required: true)
            let value = f.number("value", required: true)
            let sourceKey = f.string("source", required: true)
            var flags: Set<ObservationFlag> = []
            for (text, location) in f.strings("flags") {
                if let flag = ObservationFlag(rawValue: text) { flags.insert(flag) } else {
                    reader.report(at: location, "observation: unknown flag '\(text)' (expected \(ObservationFlag.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            var citation: String?
            if let key = sourceKey {
                citation = sources[key]
                if citation == nil { reader.report("observation: source '\(key)' is not defined under 'sources'", at: f["source"]) }
            }
            guard let indicator, let region, let period, let value, let citation else { continue }
            parsed.observations.append((Observation(indicator: indicator, region: region, period: period,
                                                    breakdown: f.breakdown("breakdown"), value: value, flags: flags,
                                                    source: citation, note: f.string("note")), f.location))
            parsed.references.append(Reference(kind: .indicator, code: indicator, location: f.location(of: "indicator")))
            parsed.references.append(Reference(kind: .region, code: region, location: f.location(of: "region"), period: period))
        }
    }
}
