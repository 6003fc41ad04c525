import KoersCore
import Testing

@Suite struct CSVFieldTests {
    @Test func fieldsAreQuotedOnlyWhenNeeded() {
        #expect(CSVField.quote("Kortrijk") == "Kortrijk")
        #expect(CSVField.quote("a,b") == "\"a,b\"")
        #expect(CSVField.quote("zei \"ja\"") == "\"zei \"\"ja\"\"\"")
        #expect(CSVField.quote("-3.5") == "-3.5")
    }

    /// OWASP's CSV injection: text that a spreadsheet would run as a formula starts with a quote instead.
    @Test func freeTextNeverBecomesAFormula() {
        for (text, written) in [("=1+1", "'=1+1"), ("+31", "'+31"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
                                ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""), ("a=b", "a=b"), ("", "")] {
            #expect(CSVField.quoteText(text) == written, "\(text)")
        }
    }
}
