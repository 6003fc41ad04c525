import KoersCore

/// Region outlines from a GeoJSON FeatureCollection: each feature's region code comes from a property (`nis` for
/// Statbel-derived files, `NUTS_ID` for Eurostat GISCO's) or the feature's `id`, and its geometry is read by
/// `Outline(geoJSON:)`, the one reader of outlines. Every problem is reported with its line and column; a file with any
/// problem gives no boundaries at all.
public enum GeoJSONBoundaries {
    /// Properties tried, in order, when the caller names none.
    public static let codeProperties = ["nis", "NIS", "code", "NUTS_ID"]

    /// One feature of the collection: its code, its name when it has one, its geometry as compact GeoJSON text (the
    /// form stored) and as the outline read from it.
    public struct Feature: Sendable, Hashable {
        public var code: String
        public var name: String?
        public var geometry: String
        public var outline: Outline
        /// Where the feature starts in the file.
        public var line: Int, column: Int
    }

    /// Every feature of a FeatureCollection, in file order, whatever its code; no two with the same code.
    public static func features(_ bytes: [UInt8], name: String, codeProperty: String? = nil,
                                nameProperty: String = "name") throws -> [Feature] {
        var problems: [Diagnostic] = []
        let features = try read(bytes, name: name, codeProperty: codeProperty, nameProperty: nameProperty, problems: &problems)
        guard problems.isEmpty else { throw DataFileError(problems) }
        return features
    }

    /// The outlines of Koers's regions in a FeatureCollection, ready to store: a feature whose code is not in
    /// `geography` is a problem, as is a file without features.
    public static func read(_ bytes: [UInt8], name: String, geography: Geography, codeProperty: String? = nil,
                            source: String? = nil) throws -> [Boundary] {
        var problems: [Diagnostic] = []
        let features = try read(bytes, name: name, codeProperty: codeProperty, nameProperty: "name", problems: &problems)
        var boundaries: [Boundary] = []
        for (index, feature) in features.enumerated() {
            guard geography[feature.code] != nil else {
                let label = feature.name.map { " (\($0))" } ?? ""
                problems.append(Diagnostic(file: name, line: feature.line, column: feature.column,
                                           message: "feature \(index + 1)\(label): region \(feature.code) is not in Koers's geography"))
                continue
            }
            boundaries.append(Boundary(region: feature.code, geometry: feature.geometry, source: source ?? name))
        }
        if features.isEmpty && problems.isEmpty {
            problems.append(Diagnostic(file: name, line: 1, column: 1, message: "the file has no features"))
        }
        guard problems.isEmpty else { throw DataFileError(problems) }
        return boundaries
    }

    private static func read(_ bytes: [UInt8], name: String, codeProperty: String?, nameProperty: String,
                             problems: inout [Diagnostic]) throws -> [Feature] {
        var parser = JSONParser(bytes: bytes, file: name)
        let root = try parser.document()
        func problem(_ node: JSONNode, _ message: String) {
            problems.append(Diagnostic(file: name, line: node.line, column: node.column, message: message))
        }
        guard root["type"]?.string == "FeatureCollection", let features = root["features"]?.array else {
            problem(root, "not a GeoJSON FeatureCollection (expected {\"type\": \"FeatureCollection\", \"features\": [...]})")
            throw DataFileError(problems)
        }
        var read: [Feature] = []
        var seen: [String: Int] = [:]
        for (index, feature) in features.enumerated() {
            let number = index + 1
            let properties = feature["properties"]
            let code = (codeProperty.map { [$0] } ?? codeProperties).lazy
                .compactMap { properties?[$0].flatMap(Self.code) }.first ?? feature["id"].flatMap(Self.code)
            let featureName = properties?[nameProperty]?.string
            let label = featureName.map { " (\($0))" } ?? ""
            guard let code else {
                problem(feature, "feature \(number)\(label) has no region code: expected the property \(codeProperty ?? codeProperties.joined(separator: ", ")) or an id")
                continue
            }
            guard let geometry = feature["geometry"], case .object = geometry.kind else {
                problem(feature, "feature \(number) (\(code)) has no geometry")
                continue
            }
            guard let type = geometry["type"]?.string, type == "Polygon" || type == "MultiPolygon" else {
                problem(geometry, "feature \(number) (\(code)): geometry type \(geometry["type"]?.text ?? "missing") is not Polygon or MultiPolygon")
                continue
            }
            guard geometry["coordinates"]?.array != nil else {
                problem(geometry, "feature \(number) (\(code)) has no coordinates")
                continue
            }
            let text = geometry.json
            let outline: Outline
            do { outline = try Outline(geoJSON: text) } catch {
                problem(geometry, "feature \(number) (\(code)): \(error)")
                continue
            }
            if let first = seen[code] {
                problem(feature, "feature \(number): region \(code) already has an outline in feature \(first)")
                continue
            }
            seen[code] = number
            read.append(Feature(code: code, name: featureName, geometry: text, outline: outline, line: feature.line, column: feature.column))
        }
        return read
    }

    private static func code(_ node: JSONNode) -> String? {
        if let s = node.string, !s.isEmpty { return s }
        return node.int.map(String.init)
    }
}

extension JSONNode {
    /// The value written back as compact JSON.
    var json: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch kind {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += int.map(String.init) ?? (n.isFinite ? "\(n)" : "null")
        case .string(let s): out += Self.quoted(s)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                out += Self.quoted(member.key) + ":"
                member.value.write(to: &out)
            }
            out += "}"
        }
    }

    private static func quoted(_ s: String) -> String { JSONString.quote(s) }
}
