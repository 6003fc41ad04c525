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
