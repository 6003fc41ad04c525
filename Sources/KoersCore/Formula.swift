/// An arithmetic formula over indicators, as a derived indicator defines it: `{werkenden} / {bevolking-20-64} * 100`.
/// Indicator codes stand in braces because they contain hyphens; numbers, `+ - * /` and parentheses do the rest.
public indirect enum Formula: Sendable, Hashable {
    case number(Double)
    case indicator(String)
    case negate(Formula)
    case binary(Character, Formula, Formula)

    /// The indicators the formula reads.
    public var inputs: Set<String> {
        switch self {
        case .number: []
        case .indicator(let code): [code]
        case .negate(let f): f.inputs
        case .binary(_, let a, let b): a.inputs.union(b.inputs)
        }
    }

    /// The value with `values` for the inputs; nil when an input is missing or a division by zero occurs (a gap).
    public func evaluate(_ values: [String: Double]) -> Double? {
        switch self {
        case .number(let v): return v
        case .indicator(let code): return values[code]
        case .negate(let f): return f.evaluate(values).map { -$0 }
        case .binary(let op, let a, let b):
            guard let x = a.evaluate(values), let y = b.evaluate(values) else { return nil }
            switch op {
            case "+": return x + y
            case "-": return x - y
            case "*": return x * y
            default: return y == 0 ? nil : x / y
            }
        }
    }

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var message: String

        public init(message: String) { self.message = message }

        public var description: String { message }
    }

    /// Parses the notation above; the error says what is wrong and where (1-based character position).
    public init(_ text: String) throws(ParseError) {
        var parser = FormulaParser(Array(text))
        self = try parser.expression()
        parser.skipSpaces()
        if parser.position < parser.characters.count {
            throw ParseError(message: "unexpected '\(parser.characters[parser.position])' at position \(parser.position + 1)")
        }
    }
}

/// Recursive descent: expression = term (('+'|'-') term)*; term = factor (('*'|'/') factor)*.
struct FormulaParser {
    let characters: [Character]
    var position = 0

    init(_ characters: [Character]) { self.characters = characters }

    mutating func skipSpaces() {
        while position < characters.count, characters[position] == " " { position += 1 }
    }

    mutating func expression() throws(Formula.ParseError) -> Formula {
        try chain("+-") { parser throws(Formula.ParseError) in try parser.term() }
    }

    mutating func term() throws(Formula.ParseError) -> Formula {
        try chain("*/") { parser throws(Formula.ParseError) in try parser.factor() }
    }

    /// Operands joined left to right by any of `operators`: one loop for both precedence levels.
    private mutating func chain(_ operators: String,
                                _ operand: (inout FormulaParser) throws(Formula.ParseError) -> Formula) throws(Formula.ParseError) -> Formula {
        var left = try operand(&self)
        while true {
            skipSpaces()
            guard position < characters.count, operators.contains(characters[position]) else { return left }
            let op = characters[position]
            position += 1
            left = .binary(op, left, try operand(&self))
        }
    }

    mutating func factor() throws(Formula.ParseError) -> Formula {
        skipSpaces()
        guard position < characters.count else { throw Formula.ParseError(message: "the formula ends too early") }
        let c = characters[position]
        if c == "-" {
            position += 1
            return .negate(try factor())
        }
        if c == "(" {
            position += 1
            let inner = try expression()
            skipSpaces()
            guard position < characters.count, characters[position] == ")" else {
                throw Formula.ParseError(message: "missing ')' at position \(position + 1)")
            }
            position += 1
            return inner
        }
        if c == "{" {
            guard let close = characters[position...].firstIndex(of: "}") else {
                throw Formula.ParseError(message: "missing '}' after position \(position + 1)")
            }
            let code = String(characters[(position + 1)..<close])
            guard !code.isEmpty else { throw Formula.ParseError(message: "empty indicator code at position \(position + 1)") }
            position = close + 1
            return .indicator(code)
        }
        if c.isNumber || c == "." {
            let start = position
            while position < characters.count, characters[position].isNumber || characters[position] == "." { position += 1 }
            guard let v = Double(String(characters[start..<position])) else {
                throw Formula.ParseError(message: "not a number at position \(start + 1)")
            }
            return .number(v)
        }
        throw Formula.ParseError(message: "unexpected '\(c)' at position \(position + 1) (indicator codes go in braces: {code})")
    }
}
