import Foundation
import KoersCore
import Yams

/// Loads Koers data files (geography, plans, indicators, observations) into one validated `Catalogue`.
///
/// All files are read first, then every reference between them is checked. Any problem in any file makes the whole
/// load fail with every diagnostic found, so that a store is never filled with half a plan.
public enum CatalogueLoader {
    /// A file to read and the name diagnostics use for it.
    public struct Source: Sendable {
        public var url: URL
        public var name: String
        /// The file's text when it is not on disk (a plan edited in the browser, written by `PlanFileWriter`).
        public var text: String?

        public init(url: URL, name: String) {
            self.url = url
            self.name = name
        }

        public init(name: String, text: String) {
            url = URL(fileURLWithPath: "/dev/null")
            self.name = name
            self.text = text
        }
    }

    /// The YAML files under `directory`, sorted, named relative to it (`plans/streekvisie-zwv.yaml`).
    public static func sources(in directory: URL, namePrefix: String = "") -> [Source] {
        let base = directory.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        var result: [Source] = []
        while let url = enumerator?.nextObject() as? URL {
            guard ["yaml", "yml"].contains(url.pathExtension) else { continue }
            var relative = String(url.standardizedFileURL.path.dropFirst(base.count))
            if relative.hasPrefix("/") { relative.removeFirst() }
            result.append(Source(url: url, name: namePrefix + relative))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// Loads the given files. Codes they use but do not define are looked up in `context` (the bundled geography and
    /// indicators, when checking a single plan file); duplicates are only sought among the files themselves.
    public static func load(_ sources: [Source], context: Catalogue? = nil) throws(DataFileError) -> Catalogue {
        var parsed = ParsedFiles()
        var diagnostics: [Diagnostic] = []
        for source in sources {
            diagnostics += read(source, into: &parsed)
        }
        let (catalogue, problems) = resolve(parsed, context: context)
        diagnostics += problems
        guard diagnostics.isEmpty else { throw DataFileError(diagnostics) }
        return catalogue
    }

    static func read(_ source: Source, into parsed: inout ParsedFiles) -> [Diagnostic] {
        let reader = YAMLReader(file: source.name)
        guard let data = source.text.map({ Data($0.utf8) }) ?? FileManager.default.contents(atPath: source.url.path) else {
            return [Diagnostic(file: source.name, line: 1, column: 1, message: "cannot read the file")]
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return [Diagnostic(file: source.name, line: 1, column: 1, message: "the file is not UTF-8 text")]
        }
        guard let root = reader.compose(text) else {
            return reader.diagnostics.isEmpty
                ? [Diagnostic(file: source.name, line: 1, column: 1, message: "the file is empty")] : reader.diagnostics
        }
        guard case .mapping(let mapping) = root else {
            reader.report("a Koers data file is a mapping with 'regions', 'indicators', 'observations' or a plan's 'id'", at: root)
            return reader.diagnostics
        }
        let keys = Set(mapping.keys.compactMap(\.string))
        if keys.contains("regions") || keys.contains("mergers") {
            if let f = reader.fields(root, "geography file", allowed: GeographyFile.keys) { GeographyFile.read(f, into: &parsed) }
        } else if keys.contains("indicators") {
            if let f = reader.fields(root, "indicator file", allowed: IndicatorFile.keys) { IndicatorFile.read(f, into: &parsed) }
        } else if keys.contains("observations") {
            if let f = reader.fields(root, "observation file", allowed: ObservationFile.keys) { ObservationFile.read(f, into: &parsed) }
        } else if keys.contains("id") {
            if let f = reader.fields(root, "plan", allowed: PlanFile.keys) { PlanFile.read(f, into: &parsed) }
        } else {
            reader.report("not a Koers data file: expected 'regions', 'indicators', 'observations' or a plan's 'id'", at: root)
        }
        return reader.diagnostics
    }

    /// Checks uniqueness and references and assembles the catalogue.
    static func resolve(_ parsed: ParsedFiles, context: Catalogue?) -> (Catalogue, [Diagnostic]) {
        var problems: [Diagnostic] = []

        func unique<T>(_ items: [(T, Location)], _ what: String, key: (T) -> String) -> [T] {
            var seen: [String: Location] = [:]
            var result: [T] = []
            for (item, location) in items {
                let k = key(item)
                if let first = seen[k] {
                    problems.append(location.diagnostic("duplicate \(what) '\(k)' (first defined at \(first.file):\(first.line))"))
                } else {
                    seen[k] = location
                    result.append(item)
                }
            }
            return result
        }

        /// Organisations and funding programmes may be listed by every plan that names them, but alike.
        func merged<T: Equatable>(_ items: [(T, Location)], _ what: String, key: (T) -> String) -> [T] {
            var seen: [String: (T, Location)] = [:]
            var result: [T] = []
            for (item, location) in items {
                let k = key(item)
                if let (first, at) = seen[k] {
                    if first != item {
                        problems.append(location.diagnostic("\(what) '\(k)' is defined differently at \(at.file):\(at.line)"))
                    }
                } else {
                    seen[k] = (item, location)
                    result.append(item)
                }
            }
            return result
        }

        let regions = unique(parsed.regions, "region code", key: \.code)
        var compositions: [String: [String]] = context?.geography.compositions ?? [:]
        for (code, members, _) in parsed.compositions { compositions[code] = members }
        let geography = Geography(regions: (context?.geography.regions.values.map { $0 } ?? []) + regions,
                                  compositions: compositions,
                                  successions: (context?.geography.successions ?? []) + parsed.successions.map(\.0))
        let indicators = unique(parsed.indicators, "indicator code", key: \.code)
        let organisations = merged(parsed.organisations, "organisation", key: \.id)
        let funding = merged(parsed.fundingProgrammes, "funding programme", key: \.id)
        let plans = unique(parsed.plans, "plan id", key: \.id)
        _ = unique(parsed.plans.flatMap { plan, location in plan.actions.map { ($0, location) } }, "action id", key: \.id)
        let observations = unique(parsed.observations, "observation (same indicator, region, period and breakdown)") {
            "\($0.indicator) \($0.region) \($0.period) \($0.breakdown.key)"
        }

        let known: [Reference.Kind: Set<String>] = [
            .region: Set(geography.regions.keys),
            .indicator: Set(indicators.map(\.code) + (context?.indicators.map(\.code) ?? [])),
            .organisation: Set(organisations.map(\.id) + (context?.organisations.map(\.id) ?? [])),
            .fundingProgramme: Set(funding.map(\.id) + (context?.fundingProgrammes.map(\.id) ?? [])),
            .target: Set((plans + (context?.plans ?? [])).flatMap { plan in plan.allTargets.map { "\(plan.id)/\($0.target.code)" } }),
        ]
        for reference in parsed.references {
            guard known[reference.kind]!.contains(reference.code) else {
                let suggestion = Suggestions.closest(to: reference.code, among: known[reference.kind]!,
                                                     names: reference.kind == .region ? geography.regions.mapValues { $0.name.nl } : [:])
                let hint = suggestion.isEmpty ? "" : " (did you mean \(suggestion.map { "'\($0)'" }.joined(separator: " or "))?)"
                problems.append(reference.location.diagnostic("unknown \(reference.kind.rawValue) '\(reference.code)'\(hint)"))
                continue
            }
            if reference.kind == .region, let period = reference.period, let region = geography[reference.code],
               region.isAbolished(before: period) {
                let successor = geography.successions.first { $0.from == region.code }
                let why = successor.map { ": merged into \($0.to) on \($0.date)" } ?? ""
                problems.append(reference.location.diagnostic(
                    "region \(region.code) (\(region.name.nl)) does not exist in \(period)\(why)"))
            }
        }
        let catalogue = Catalogue(geography: geography, organisations: organisations, fundingProgrammes: funding,
                                  indicators: indicators, plans: plans, observations: observations)
        return (catalogue, problems)
    }
}

/// "Did you mean" candidates for a mistyped code or region name.
package enum Suggestions {
    package static func closest(to text: String, among codes: Set<String>, names: [String: String]) -> [String] {
        let needle = text.lowercased()
        var scored: [(Int, String)] = codes.map { (distance(needle, $0.lowercased()), $0) }
        for (code, name) in names { scored.append((distance(needle, name.lowercased()), code)) }
        let best = scored.min { $0.0 < $1.0 }?.0 ?? Int.max
        guard best <= max(2, needle.count / 3) else { return [] }
        return Array(Set(scored.filter { $0.0 == best }.map(\.1))).sorted().prefix(3).map { $0 }
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = b.isEmpty ? [i] : current
        }
        return previous[b.count]
    }
}
