import Foundation
import KoersCore
import Testing

/// The one JSON string writer (dump, logs, re-serialised GeoJSON): what it writes, Foundation's parser reads back as
/// the same string, for every control character, quotes, backslashes and text beyond the BMP.
@Suite struct JSONStringTests {
    @Test func everyControlCharacterAndQuoteRoundTrips() throws {
        var text = "\"quoted\" \\ back/slash 😀 é"
        for scalar in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        let quoted = JSONString.quote(text)
        let parsed = try JSONSerialization.jsonObject(with: Data(quoted.utf8), options: [.fragmentsAllowed]) as? String
        #expect(parsed == text)
        #expect(!quoted.unicodeScalars.dropFirst().dropLast().contains { $0.value < 0x20 }, "no raw control character")
    }

    @Test func shortEscapesWhereJSONHasThem() {
        #expect(JSONString.quote("a\nb\tc\r\u{1}") == #""a\nb\tc\r\u0001""#)
    }
}
