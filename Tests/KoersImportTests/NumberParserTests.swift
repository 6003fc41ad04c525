import KoersImport
import Testing

@Suite struct NumberParserTests {
    let auto = NumberParser()

    @Test(arguments: [("75,4", 75.4), ("75.4", 75.4), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("14 293", 14293),
                      ("14\u{00A0}293", 14293), ("1.234.567", 1_234_567), ("1,234,567", 1_234_567), ("-3,7", -3.7),
                      ("−9,8%", -9.8), ("75,4%", 75.4), ("0,123", 0.123), ("0.123", 0.123), ("7719", 7719),
                      ("1,25", 1.25), ("12345,678", 12345.678), ("1.2E3", 1200), ("+5", 5), (",5", 0.5)])
    func unambiguousNumbersParse(_ text: String, _ value: Double) throws {
        #expect(try auto.parse(text).get() == value)
    }

    @Test(arguments: ["14,304", "1.234", "-2,500", "999.999"])
    func ambiguousNumbersAreRefusedWithoutAStyle(_ text: String) {
        #expect(throws: NumberParser.Problem.ambiguous(text)) { try auto.parse(text).get() }
    }

    @Test func theFilesStyleDecides() throws {
        let comma = NumberParser(decimal: .comma), point = NumberParser(decimal: .point)
        #expect(try comma.parse("14,304").get() == 14.304)
        #expect(try point.parse("14,304").get() == 14304)
        #expect(try comma.parse("1.234").get() == 1234)
        #expect(try point.parse("1.234").get() == 1.234)
        #expect(try comma.parse("1.234,5").get() == 1234.5)
        #expect(throws: NumberParser.Problem.self) { try point.parse("1.234,5").get() }
    }

    @Test(arguments: ["", "-", "abc", "12a", "1.23.4,5,6", "1,2,3", "12 3x", "€ 12", "1.2.3", "nan", "inf", "1e", "1.2E"])
    func textIsNotANumber(_ text: String) {
        #expect(throws: NumberParser.Problem.notANumber(text)) { try auto.parse(text).get() }
    }

    /// 400 digits once read as infinity by the fast path, and then broke every JSON answer of the series.
    @Test(arguments: [String(repeating: "9", count: 400), "-" + String(repeating: "1", count: 310),
                      "2" + String(repeating: " 000", count: 103)])
    func digitsBeyondADoubleAreRefusedNotStoredAsInfinity(_ text: String) throws {
        for parser in [auto, NumberParser(decimal: .point), NumberParser(decimal: .comma)] {
            #expect(throws: NumberParser.Problem.outOfRange(text)) { try parser.parse(text).get() }
        }
        #expect(NumberParser.Problem.outOfRange(String(repeating: "9", count: 400)).description
            == "number out of range: '99999999999999999999…9999999999\" (400 characters)' is beyond ±1.8e308, the largest number Koers stores")
    }

    @Test func theMessageSaysWhatToDo() {
        #expect(NumberParser.Problem.ambiguous("14,304").description
            == "ambiguous number '14,304': is ',' a decimal or a thousands separator? Say which with --decimal-separator or 'decimal:' in the mapping")
    }
}
