import KoersCore
import Yams

/// Reads typed fields out of a composed YAML document, collecting a `Diagnostic` for each problem instead of
/// stopping at the first, so that `koers check` lists every problem of a file in one run. The one YAML field reader:
/// plan, catalogue and mapping files, and the front matter of Open SDG metadata.
package final class YAMLReader {
    package let file: String
    /// Lines of the file before the YAML text (Open SDG front matter starts on line 2), added to every line reported.
    package let lineOffset: Int
    package private(set) var diagnostics: [Diagnostic] = []

    package init(file: String, lineOffset: Int = 0) {
        self.file = file
        self.lineOffset = lineOffset
    }

    package func location(_ node: Node?) -> Location {
        Location(file: file, line: (node?.mark?.line ?? 1) + lineOffset, column: node?.mark?.column ?? 1)
    }

    package func report(_ message: String, at node: Node?) {
        diagnostics.append(location(node).diagnostic(message))
    }

    package func report(at location: Location, _ message: String) {
        diagnostics.append(location.diagnostic(message))
    }

    /// Composes `text`; a syntax error becomes a diagnostic at its line.
    package func compose(_ text: String) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                diagnostics.append(Diagnostic(file: file, line: mark.line + lineOffset, column: mark.column, message: "YAML syntax: \(problem)"))
            default:
                diagnostics.append(Diagnostic(file: file, line: 1 + lineOffset, column: 1, message: "YAML: \(error)"))
            }
        } catch {
            diagnostics.append(Diagnostic(file: file, line: 1 + lineOffset, column: 1, message: "YAML: \(error)"))
        }
        return nil
    }

    /// The mapping at `node` with the keys it may have; unknown and repeated keys are reported (a typo such as
    /// `baselin:` must not silently drop a baseline). `allowed: nil` takes any key (Open SDG metadata has dozens that
    /// Koers does not read).
    package func fields(_ node: Node?, _ what: String, allowed: Set<String>?) -> Fields? {
        guard let node else { return nil }
        guard case .mapping(let mapping) = node else {
            report("\(what) must be a mapping of keys to values", at: node)
            return nil
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else {
                report("\(what): a key must be text", at: key)
                continue
            }
            if values[name] != nil {
                report("\(what): key '\(name)' appears twice", at: key)
            } else if let allowed, !allowed.contains(name) {
                report("\(what): unknown key '\(name)' (expected one of: \(allowed.sorted().joined(separator: ", ")))", at: key)
            }
            values[name] = value
        }
        return Fields(reader: self, node: node, what: what, values: values)
    }

    package func sequence(_ node: Node?, _ what: String) -> [Node] {
        guard let node else { return [] }
        if case .sequence(let s) = node { return Array(s) }
        if case .scalar(let s) = node, s.string.isEmpty || s.string == "~" || s.string == "null" { return [] }
        report("\(what) must be a list", at: node)
        return []
    }
}

/// The keys of one YAML mapping, read with types and reported by name.
package struct Fields {
    package let reader: YAMLReader
    package let node: Node
    package let what: String
    package let values: [String: Node]

    package subscript(key: String) -> Node? { values[key] }

    package var location: Location { reader.location(node) }

    package func location(of key: String) -> Location { reader.location(values[key] ?? node) }

    private func missing(_ key: String) {
        reader.report("\(what): '\(key)' is required", at: node)
    }

    package func string(_ key: String, required: Bool = false) -> String? {
        guard let n = values[key] else {
            if required { missing(key) }
            return nil
        }
        guard case .scalar(let s) = n else {
            reader.report("\(what): '\(key)' must be text", at: n)
            return nil
        }
        if s.string.isEmpty || (s.style == .plain && (s.string == "~" || s.string == "null")) {
            if required { reader.report("\(what): '\(key)' is empty", at: n) }
            return nil
        }
        return s.string
    }

    /// Nothing written (`key:`), `~` or `null`, unquoted.
    static func isNull(_ s: Node.Scalar) -> Bool {
        s.style == .plain && (s.string.isEmpty || s.string == "~" || s.string == "null")
    }

    /// An identifier: lower-case ASCII words joined by hyphens.
    package func slug(_ key: String, required: Bool = false) -> String? {
        guard let s = string(key, required: required) else { return nil }
        guard Fields.isSlug(s) else {
            reader.report("\(what): '\(key)' must be lower-case letters, digits and hyphens, not '\(s)'", at: values[key])
            return nil
        }
        return s
    }

    package static func isSlug(_ s: String) -> Bool {
        !s.isEmpty && s.first != "-" && s.last != "-" && !s.contains("--")
            && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// A number written the YAML way (`75.4`, `7719`). Dutch notation (`75,4`, `7.719,5`) is refused with a hint:
    /// guessing which separator is meant could change a value silently. `quotedAllowed` reads Open SDG metadata as its
    /// build does: a quoted number is a number, and an empty value is no value.
    package func number(_ key: String, required: Bool = false, quotedAllowed: Bool = false) -> Double? {
        guard let n = values[key] else {
            if required { missing(key) }
            return nil
        }
        if quotedAllowed, case .scalar(let s) = n {
            if Self.isNull(s) { return nil }
            guard let value = Double(s.string), value.isFinite else {
                reader.report("\(what): '\(key)' is not a number: '\(s.string)'", at: n)
                return nil
            }
            return value
        }
        guard case .scalar(let s) = n, s.style == .plain else {
            reader.report("\(what): '\(key)' must be a number, not quoted text", at: n)
            return nil
        }
        let text = s.string
        let allowed = text.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
        guard allowed, let value = Double(text), value.isFinite else {
            let hint = text.contains(",") ? " (write numbers with a decimal point and no thousands separator: 7719, 75.4)" : ""
            reader.report("\(what): '\(key)' is not a number: '\(text)'\(hint)", at: n)
            return nil
        }
        return value
    }

    package func integer(_ key: String, required: Bool = false) -> Int? {
        guard let v = number(key, required: required) else { return nil }
        guard v == v.rounded(), abs(v) < 1e15 else {
            reader.report("\(what): '\(key)' must be a whole number, not \(v)", at: values[key])
            return nil
        }
        return Int(v)
    }

    /// true or false; an empty value is no value.
    package func bool(_ key: String) -> Bool? {
        guard let n = values[key] else { return nil }
        if case .scalar(let s) = n, Self.isNull(s) { return nil }
        guard let b = n.bool else {
            reader.report("\(what): '\(key)' must be true or false", at: n)
            return nil
        }
        return b
    }

    package func period(_ key: String, required: Bool = false) -> Period? {
        guard let s = string(key, required: required) else { return nil }
        guard let p = Period(s) else {
            reader.report("\(what): '\(key)' is not a period: '\(s)' (write 2016, 2020-Q3, 2020-07, 2020-07-01, 2009/2017 or 2020-07/2020-08)", at: values[key])
            return nil
        }
        return p
    }

    package func day(_ key: String) -> Day? {
        guard let s = string(key) else { return nil }
        guard let d = Day(s) else {
            reader.report("\(what): '\(key)' is not a date: '\(s)' (write 2025-01-01)", at: values[key])
            return nil
        }
        return d
    }

    /// A value from a closed list, e.g. a unit or a direction.
    package func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, required: Bool = false) -> T?
    where T.RawValue == String {
        guard let s = string(key, required: required) else { return nil }
        guard let v = T(rawValue: s) else {
            reader.report("\(what): '\(key)' must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), not '\(s)'", at: values[key])
            return nil
        }
        return v
    }

    /// `{nl: …, en: …, fr: …}`; a bare string is taken as Dutch.
    package func localized(_ key: String, required: Bool = false) -> LocalizedText? {
        guard let n = values[key] else {
            if required { missing(key) }
            return nil
        }
        if case .scalar = n { return string(key, required: required).map { LocalizedText(nl: $0) } }
        guard let f = reader.fields(n, "\(what) \(key)", allowed: ["nl", "en", "fr"]) else { return nil }
        guard let nl = f.string("nl", required: true) else { return nil }
        return LocalizedText(nl: nl, en: f.string("en"), fr: f.string("fr"))
    }

    package func strings(_ key: String) -> [(String, Location)] {
        reader.sequence(values[key], "\(what) \(key)").compactMap { n in
            guard case .scalar(let s) = n, !s.string.isEmpty else {
                reader.report("\(what): every entry of '\(key)' must be text", at: n)
                return nil
            }
            return (s.string, reader.location(n))
        }
    }

    /// `{dimension: value}` pairs.
    package func breakdown(_ key: String) -> Breakdown {
        guard let n = values[key] else { return Breakdown() }
        guard case .mapping(let m) = n else {
            reader.report("\(what): '\(key)' must be a mapping such as {age: \"20-64\"}", at: n)
            return Breakdown()
        }
        var d: [String: String] = [:]
        for (k, v) in m {
            guard let ks = k.string, let vs = v.string, !ks.isEmpty, !vs.isEmpty, !ks.contains("="), !ks.contains(";"),
                  !vs.contains(";") else {
                reader.report("\(what): '\(key)' entries must be text without '=' or ';'", at: k)
                continue
            }
            d[ks] = vs
        }
        return Breakdown(d)
    }
}
