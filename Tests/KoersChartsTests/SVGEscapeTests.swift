import Testing
@testable import KoersCharts

@Suite struct SVGEscapeTests {
    @Test func escapesMarkup() {
        #expect(svgEscape("a < b & \"c\"") == "a &lt; b &amp; &quot;c&quot;")
    }
}
