/// Which character separates decimals in a file's numbers. Belgian files use both, and `14,304` or `1.234` can be
/// read either way: when a cell is ambiguous and the import did not say which, Koers refuses it rather than guess.
public enum DecimalSeparator: String, Sendable, CaseIterable {
    case comma = ",", point = "."
}

/// Parses numbers as statistical offices and Excel write them: `1.234,5`, `1,234.5`, `14 293`, `75,4%`, `-3,7`.
public struct NumberParser: Sendable {
    /// The file's decimal separator when known (from the mapping or `--decimal-separator`); nil decides per cell and
    /// refuses ambiguous cells.
    public var decimal: DecimalSeparator?

    public init(decimal: DecimalSeparator? = nil) { self.decimal = decimal }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notANumber(String)
        case ambiguous(String)
        /// Digits beyond what a double holds (more than about 1.8 × 10³⁰⁸): never stored as infinity.
        case outOfRange(String)

        public var description: String {
            switch self {
            case .notANumber(let text): "not a number: '\(NumberParser.echo(text))'"
            case .outOfRange(let text): "number out of range: '\(NumberParser.echo(text))' is beyond ±1.8e308, the largest number Koers stores"
            case .ambiguous(let text):
                "ambiguous number '\(text)': is '\(text.contains(",") ? "," : ".")' a decimal or a thousands separator? "
                    + "Say which with --decimal-separator or 'decimal:' in the mapping"
            }
        }
    }

    /// The offending text as a message quotes it: at most 40 characters, and how long it was when longer.
    static func echo(_ text: String) -> String {
        text.count <= 40 ? text : "\(text.prefix(20))…\(text.suffix(10))\" (\(text.count) characters)"
    }

    public func parse(_ raw: String) -> Result<Double, Problem> {
        if let value = Self.plainDecimal(raw, decimal: decimal) { return .success(value) }
        return parseWritten(raw)
    }

    /// The common case, read from bytes: digits with at most one point that cannot be a thousands separator
    /// (`14089.1`, `-3.25`, `7719`). Anything else takes the careful path.
    static func plainDecimal(_ raw: String, decimal: DecimalSeparator?) -> Double? {
        var digitsBefore = 0, digitsAfter = 0, points = 0, index = 0, leadingZero = false
        for byte in raw.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if points == 0 {
                    if digitsBefore == 0 && byte == UInt8(ascii: "0") { leadingZero = true }
                    digitsBefore += 1
                } else {
                    digitsAfter += 1
                }
            case UInt8(ascii: "."): points += 1
            case UInt8(ascii: "-") where index == 0: break
            default: return nil
            }
            index += 1
        }
        guard digitsBefore + digitsAfter > 0, points <= 1 else { return nil }
        if points == 1 {
            if decimal == .comma { return nil }
            // "1.234" could group thousands: only the careful path (or the file's style) decides.
            if decimal == nil, digitsAfter == 3, (1...3).contains(digitsBefore), !leadingZero { return nil }
        }
        // Hundreds of digits read as infinity: the careful path refuses them.
        return Double(raw).flatMap { $0.isFinite ? $0 : nil }
    }

    private func parseWritten(_ raw: String) -> Result<Double, Problem> {
        // Spaces (also non-breaking and narrow ones) only ever group thousands; a trailing % is the unit.
        var text = raw.filter { !" \u{00A0}\u{202F}\t".contains($0) }
        if text.hasSuffix("%") { text.removeLast() }
        var sign = ""
        if let first = text.first, "-+−".contains(first) {
            sign = first == "+" ? "" : "-"
            text.removeFirst()
        }
        guard let first = text.first, first.isASCII, first.isNumber || first == "." || first == "," else {
            return .failure(.notANumber(raw))
        }
        let hasComma = text.contains(","), hasPoint = text.contains(".")
        let decimalMark: Character?
        if hasComma && hasPoint {
            // Both: the last one separates decimals, unless the file's style says otherwise.
            decimalMark = decimal?.rawValue.first ?? (text.lastIndex(of: ",")! > text.lastIndex(of: ".")! ? "," : ".")
        } else if hasComma || hasPoint {
            let mark: Character = hasComma ? "," : "."
            if let decimal {
                decimalMark = decimal.rawValue.first == mark ? mark : nil
            } else if text.filter({ $0 == mark }).count > 1 {
                decimalMark = nil  // 1.234.567: only grouping repeats
            } else if Self.couldGroupThousands(text, mark) {
                return .failure(.ambiguous(raw))
            } else {
                decimalMark = mark
            }
        } else {
            decimalMark = nil
        }
        guard let normalised = Self.normalise(text, decimal: decimalMark), let value = Double(sign + normalised) else {
            return .failure(.notANumber(raw))
        }
        guard value.isFinite else { return .failure(.outOfRange(raw)) }
        return .success(value)
    }

    /// "1,234", "12.345", "123,456": one to three digits not starting with 0, the mark, then exactly three digits.
    static func couldGroupThousands(_ text: String, _ mark: Character) -> Bool {
        let parts = text.split(separator: mark, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        return (1...3).contains(parts[0].count) && parts[0].first != "0" && parts[0].allSatisfy(\.isNumber)
            && parts[1].count == 3 && parts[1].allSatisfy(\.isNumber)
    }

    /// Removes grouping marks (checking that they group by three) and writes the decimal separator as a point.
    static func normalise(_ text: String, decimal: Character?) -> String? {
        var integer = Substring(text), fraction: Substring = ""
        if let decimal, let at = text.lastIndex(of: decimal) {
            integer = text[..<at]
            fraction = text[text.index(after: at)...]
        }
        if let group = integer.first(where: { $0 == "," || $0 == "." }) {
            let groups = integer.split(separator: group, omittingEmptySubsequences: false)
            guard group != decimal, (1...3).contains(groups[0].count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            integer = Substring(groups.joined())
        }
        guard integer.allSatisfy(\.isNumber), integer.allSatisfy(\.isASCII) else { return nil }
        // The fraction: digits, optionally an exponent (1.2E3) as software writes it.
        let exponent = fraction.firstIndex { $0 == "e" || $0 == "E" }
        let digits = exponent.map { fraction[..<$0] } ?? fraction
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if let exponent {
            var power = fraction[fraction.index(after: exponent)...]
            if power.first == "-" || power.first == "+" { power = power.dropFirst() }
            guard !power.isEmpty, power.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        guard !integer.isEmpty || !digits.isEmpty else { return nil }
        return (integer.isEmpty ? "0" : String(integer)) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
