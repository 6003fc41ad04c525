import KoersCore
import Testing

@testable import KoersViews

/// Counts read as people write them: singular for one, plural otherwise (zero included), thousands grouped.
@Suite struct CountedNounTests {
    @Test func oneIsSingularAndEveryOtherCountPlural() {
        #expect(CountedNoun.target.phrase(1, .nl) == "1 ambitie")
        #expect(CountedNoun.target.phrase(0, .nl) == "0 ambities")
        #expect(CountedNoun.target.phrase(38, .en) == "38 targets")
        #expect(CountedNoun.action.phrase(1, .en) == "1 action")
        #expect(CountedNoun.observation.phrase(1234, .nl) == "1.234 waarnemingen")
        #expect(CountedNoun.part.phrase(1, .nl) == "1 onderdeel")
    }

    @Test func theHomePageHeadlineAndContentsUseThem() {
        let plan = Plan(id: "p", title: LocalizedText(nl: "P"), region: "ZWV")
        let page = HomePage(plans: [plan], lookup: Lookup(geography: Geography(regions: []), organisations: [], funding: [], indicators: []), progress: [:], language: .nl)
        #expect(page.headline == "1 plan met samen 0 ambities.")
        #expect(page.plans.first?.contents == "0 onderdelen, 0 ambities, 0 acties")
        let english = HomePage(plans: [plan], lookup: Lookup(geography: Geography(regions: []), organisations: [], funding: [], indicators: []), progress: [:], language: .en)
        #expect(english.headline == "1 plan with 0 targets in all.")
    }
}
