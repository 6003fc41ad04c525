import KoersCore

// MARK: - JSON

/// A JSON value and where it starts. Objects keep their members in file order, because JSON-stat orders categories
/// by `label` when `index` is absent and a bundle's datasets come in file order (`JSONSerialization` keeps neither).
struct JSONNode {
    enum Kind {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONNode])
        case object([(key: String, value: JSONNode)])
    }

    var kind: Kind
    var line: Int
    var column: Int

    subscript(key: String) -> JSONNode? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }

    var string: String? {
        if case .string(let text) = kind { return text }
        return nil
    }

    var array: [JSONNode]? {
        if case .array(let items) = kind { return items }
        return nil
    }

    var int: Int? {
        guard case .number(let number) = kind, number == number.rounded(), abs(number) < 1e15 else { return nil }
        return Int(number)
    }

    /// The value as a message quotes it.
    var text: String {
        switch kind {
        case .number(let number): return int.map(String.init) ?? String(number)
        case .string(let text): return "\"\(text)\""
        default: return kindName
        }
    }

    var kindName: String {
        switch kind {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number: return "a number"
        case .string: return "text"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}

/// A strict JSON parser over bytes that knows the line and column (in characters) of every value, for messages
/// that point at the problem.
struct JSONParser {
    let bytes: [UInt8]
    let file: String
    private var i = 0
    private var line = 1
    private var column = 1
    private var depth = 0

    /// Deeper nesting than any statistical file needs; the limit keeps hostile input from exhausting the stack.
    static let maxDepth = 512

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    }

    private func fail(_ message: String, line: Int? = nil, column: Int? = nil) -> DataFileError {
        DataFileError([Diagnostic(file: file, line: line ?? self.line, column: column ?? self.column, message: message)])
    }

    private var found: String {
        guard i < bytes.count else { return "the end of the file" }
        let b = bytes[i]
        return b >= 0x20 && b < 0x7F ? "`\(Character(Unicode.Scalar(b)))`" : "a non-ASCII character"
    }

    mutating func document() throws -> JSONNode {
        skipWhitespace()
        guard i < bytes.count else { throw fail("the file is empty") }
        let node = try value()
        skipWhitespace()
        guard i == bytes.count else { throw fail("unexpected \(found) after the end of the JSON document") }
        return node
    }

    private mutating func advance() {
        let b = bytes[i]
        i += 1
        if b == 0x0A {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1  // continuation bytes of UTF-8 are part of the previous character
        }
    }

    private mutating func skipWhitespace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { advance() }
    }

    private mutating func value() throws -> JSONNode {
        skipWhitespace()
        guard i < bytes.count else { throw fail("the file ends where a value should be (is it truncated?)") }
        let (l, c) = (line, column)
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return JSONNode(kind: .string(try string()), line: l, column: c)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return try literal()
        default: throw fail("expected a value (a number, text, true, false, null, a list or an object), found \(found)")
        }
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail("the JSON is nested more than \(Self.maxDepth) levels deep") }
    }

    private mutating func object() throws -> JSONNode {
        let (l, c) = (line, column)
        try enter()
        defer { depth -= 1 }
        advance()
        var members: [(key: String, value: JSONNode)] = []
        func unclosed() -> DataFileError { fail("this object is never closed (is the file truncated?)", line: l, column: c) }
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            advance()
            return JSONNode(kind: .object(members), line: l, column: c)
        }
        while true {
            skipWhitespace()
            guard i < bytes.count else { throw unclosed() }
            guard bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes, found \(found)") }
            let key = try string()
            skipWhitespace()
            guard i < bytes.count else { throw unclosed() }
            guard bytes[i] == UInt8(ascii: ":") else { throw fail("expected `:` after the key \"\(key)\", found \(found)") }
            advance()
            skipWhitespace()
            guard i < bytes.count else { throw unclosed() }
            members.append((key, try value()))
            skipWhitespace()
            guard i < bytes.count else { throw unclosed() }
            if bytes[i] == UInt8(ascii: ",") {
                advance()
            } else if bytes[i] == UInt8(ascii: "}") {
                advance()
                return JSONNode(kind: .object(members), line: l, column: c)
            } else {
                throw fail("expected `,` or `}` after the value of \"\(key)\", found \(found)")
            }
        }
    }

    private mutating func array() throws -> JSONNode {
        let (l, c) = (line, column)
        try enter()
        defer { depth -= 1 }
        advance()
        var items: [JSONNode] = []
        func unclosed() -> DataFileError { fail("this list is never closed (is the file truncated?)", line: l, column: c) }
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            advance()
            return JSONNode(kind: .array(items), line: l, column: c)
        }
        while true {
            skipWhitespace()
            guard i < bytes.count else { throw unclosed() }
            items.append(try value())
            skipWhitespace()
            guard i < bytes.count else { throw unclosed() }
            if bytes[i] == UInt8(ascii: ",") {
                advance()
            } else if bytes[i] == UInt8(ascii: "]") {
                advance()
                return JSONNode(kind: .array(items), line: l, column: c)
            } else {
                throw fail("expected `,` or `]` after an element of a list, found \(found)")
            }
        }
    }

    private mutating func string() throws -> String {
        let (l, c) = (line, column)
        advance()
        var buffer: [UInt8] = []
        func unclosed() -> DataFileError { fail("this text is never closed (is the file truncated?)", line: l, column: c) }
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                advance()
                guard let text = String(validating: buffer, as: UTF8.self) else {
                    throw fail("this text is not valid UTF-8", line: l, column: c)
                }
                return text
            case UInt8(ascii: "\\"):
                advance()
                guard i < bytes.count else { throw unclosed() }
                let escape = bytes[i]
                advance()
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"): buffer.append(contentsOf: try unicodeEscape())
                default: throw fail("unknown escape `\\\(Character(Unicode.Scalar(escape)))` in text")
                }
            case 0..<0x20:
                throw fail("a control character (such as a line break) inside text must be escaped")
            default:
                buffer.append(b)
                advance()
            }
        }
        throw unclosed()
    }

    /// The UTF-8 of a `\uXXXX` escape (after `\u`), joining a surrogate pair.
    private mutating func unicodeEscape() throws -> [UInt8] {
        var code = try hex4()
        if (0xD800..<0xDC00).contains(code) {
            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                throw fail("`\\u` escape of a lone surrogate in text")
            }
            advance()
            advance()
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("`\\u` escape of a lone surrogate in text") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else { throw fail("`\\u` escape of a lone surrogate in text") }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hex4() throws -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard i < bytes.count, let digit = Self.hexValue(bytes[i]) else { throw fail("`\\u` must be followed by four hexadecimal digits") }
            code = code << 4 | digit
            advance()
        }
        return code
    }

    private static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private mutating func number() throws -> JSONNode {
        let (l, c) = (line, column)
        let start = i
        while i < bytes.count, Self.isNumberByte(bytes[i]) { advance() }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard Self.isJSONNumber(bytes[start..<i]), let number = Double(text), number.isFinite else {
            throw fail("`\(text)` is not a valid number", line: l, column: c)
        }
        return JSONNode(kind: .number(number), line: l, column: c)
    }

    private static func isNumberByte(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
            || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
    }

    /// JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private static func isJSONNumber(_ s: ArraySlice<UInt8>) -> Bool {
        var k = s.startIndex
        func digits() -> Int {
            let from = k
            while k < s.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(s[k]) { k += 1 }
            return k - from
        }
        if k < s.endIndex, s[k] == UInt8(ascii: "-") { k += 1 }
        let integerStart = k
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || s[integerStart] != UInt8(ascii: "0") else { return false }
        if k < s.endIndex, s[k] == UInt8(ascii: ".") {
            k += 1
            guard digits() > 0 else { return false }
        }
        if k < s.endIndex, s[k] == UInt8(ascii: "e") || s[k] == UInt8(ascii: "E") {
            k += 1
            if k < s.endIndex, s[k] == UInt8(ascii: "+") || s[k] == UInt8(ascii: "-") { k += 1 }
            guard digits() > 0 else { return false }
        }
        return k == s.endIndex
    }

    private mutating func literal() throws -> JSONNode {
        let (l, c) = (line, column)
        let start = i
        while i < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[i]) { advance() }
        let word = String(decoding: bytes[start..<i], as: UTF8.self)
        switch word {
        case "true": return JSONNode(kind: .bool(true), line: l, column: c)
        case "false": return JSONNode(kind: .bool(false), line: l, column: c)
        case "null": return JSONNode(kind: .null, line: l, column: c)
        default: throw fail("unknown word `\(word)`: JSON knows only true, false and null", line: l, column: c)
        }
    }
}
