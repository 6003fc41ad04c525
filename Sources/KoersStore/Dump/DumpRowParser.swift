/// Parses one row line of a dump, `[value, value, …]`, into values typed as the table's columns: a JSON string or
/// null for text, an integer or null for integer, a number or null for real, true or false for boolean. Anything
/// else is a problem at a byte offset of the line. Written by hand: a dump has millions of such lines, all alike.
enum DumpRowParser {
    struct Problem: Error {
        let offset: Int
        let message: String
    }

    static func parse(_ line: ArraySlice<UInt8>, columns: [DumpTable.Column]) throws -> [SQLValue] {
        var cursor = Cursor(bytes: line)
        try cursor.expect(UInt8(ascii: "["), "a row starts with [")
        var values: [SQLValue] = []
        values.reserveCapacity(columns.count)
        for (index, column) in columns.enumerated() {
            if index > 0 { try cursor.expect(UInt8(ascii: ","), "expected , and the value of \(column.name) (\(columns.count) values)") }
            values.append(try cursor.value(column))
        }
        try cursor.expect(UInt8(ascii: "]"), "expected ] after \(columns.count) values")
        cursor.skipSpace()
        guard cursor.atEnd else { throw cursor.problem("text after the row") }
        return values
    }

    private struct Cursor {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        var atEnd: Bool { index == bytes.endIndex }
        var offset: Int { index - bytes.startIndex }

        func problem(_ message: String) -> Problem { Problem(offset: offset, message: message) }

        mutating func skipSpace() {
            while index < bytes.endIndex, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
        }

        mutating func expect(_ byte: UInt8, _ message: String) throws {
            skipSpace()
            guard index < bytes.endIndex, bytes[index] == byte else { throw problem(message) }
            index += 1
        }

        /// `word` if it is next (for null, true, false).
        mutating func take(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard bytes.endIndex - index >= count else { return false }
            let matches = word.withUTF8Buffer { word in (0..<count).allSatisfy { bytes[index + $0] == word[$0] } }
            if matches { index += count }
            return matches
        }

        mutating func value(_ column: DumpTable.Column) throws -> SQLValue {
            skipSpace()
            let null = take("null")
            switch column.type {
            case .text: return .text(null ? nil : try string(column))
            case .integer: return .integer(null ? nil : try integer(column))
            case .real: return .double(null ? nil : try real(column))
            case .boolean:
                if take("true") { return .bool(true) }
                if take("false") { return .bool(false) }
                throw problem("\(column.name) must be true or false")
            }
        }

        /// The characters a JSON number may have; which of them form a valid number, Swift's parser decides.
        private mutating func numberText() -> String {
            let start = index
            while index < bytes.endIndex, Self.numberBytes.contains(bytes[index]) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        private static let numberBytes = Set("+-0123456789.eE".utf8)

        private mutating func integer(_ column: DumpTable.Column) throws -> Int64 {
            let start = self
            guard let number = Int64(numberText()) else {
                throw start.problem("\(column.name) must be a whole number (64-bit) or null")
            }
            return number
        }

        private mutating func real(_ column: DumpTable.Column) throws -> Double {
            let start = self
            let text = numberText()
            // Double() also reads "inf", "nan" and hexadecimal, which JSON has not: only JSON's characters get here.
            guard let number = Double(text), number.isFinite, text.first != "+", text.first != "." else {
                throw start.problem("\(column.name) must be a finite number or null")
            }
            return number
        }

        private mutating func string(_ column: DumpTable.Column) throws -> String {
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") else {
                throw problem("\(column.name) must be a string or null")
            }
            index += 1
            let start = index
            // Most strings have no escapes: their bytes are the text.
            while index < bytes.endIndex, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 {
                index += 1
            }
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") {
                defer { index += 1 }
                return try validUTF8(bytes[start..<index], from: start, column)
            }
            var text = Array(bytes[start..<index])
            while true {
                guard index < bytes.endIndex else { throw problem("\(column.name): the string is not closed") }
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return try validUTF8(text[...], from: start, column)
                case UInt8(ascii: "\\"):
                    try escape(into: &text, column)
                case 0..<0x20:
                    throw problem("\(column.name): a control character inside a string must be escaped")
                default:
                    text.append(byte)
                    index += 1
                }
            }
        }

        private func validUTF8(_ bytes: ArraySlice<UInt8>, from start: Int, _ column: DumpTable.Column) throws -> String {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw Problem(offset: start - self.bytes.startIndex, message: "\(column.name): the string is not valid UTF-8")
            }
            return text
        }

        /// The escape at the backslash under the cursor.
        private mutating func escape(into text: inout [UInt8], _ column: DumpTable.Column) throws {
            let backslash = self
            index += 1
            guard index < bytes.endIndex else { throw problem("\(column.name): the string is not closed") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
            case UInt8(ascii: "n"): text.append(10)
            case UInt8(ascii: "r"): text.append(13)
            case UInt8(ascii: "t"): text.append(9)
            case UInt8(ascii: "b"): text.append(8)
            case UInt8(ascii: "f"): text.append(12)
            case UInt8(ascii: "u"):
                var scalar = try hex4(column)
                if (0xD800..<0xDC00).contains(scalar) {
                    // A character beyond the Basic Multilingual Plane, as a pair of escapes.
                    guard take("\\u") else { throw problem("\(column.name): a lone surrogate in \\u escapes") }
                    let low = try hex4(column)
                    guard (0xDC00..<0xE000).contains(low) else { throw problem("\(column.name): a lone surrogate in \\u escapes") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let character = Unicode.Scalar(scalar) else { throw problem("\(column.name): not a character: \\u escape") }
                text.append(contentsOf: String(character).utf8)
            default:
                throw backslash.problem("\(column.name): unknown escape \\\(Character(Unicode.Scalar(byte)))")
            }
        }

        private mutating func hex4(_ column: DumpTable.Column) throws -> UInt32 {
            guard bytes.endIndex - index >= 4,
                  let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
                throw problem("\(column.name): \\u needs four hexadecimal digits")
            }
            index += 4
            return value
        }
    }
}
