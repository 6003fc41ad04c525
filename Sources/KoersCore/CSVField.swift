/// A CSV field as RFC 4180 writes it: quoted (with doubled quotes) only when it holds a comma, a quote or a line break.
public enum CSVField {
    public static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        var out = "\""
        for c in s {
            if c == "\"" { out += "\"\"" } else { out.append(c) }
        }
        return out + "\""
    }
}

extension CSVField {
    /// A field of free text, which a spreadsheet must not run: one starting with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return gets a leading `'` (OWASP's advice on CSV injection), then `quote`. Not for numbers.
    public static func quoteText(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return quote(s) }
        return quote("'" + s)
    }
}
