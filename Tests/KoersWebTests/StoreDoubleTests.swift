import KoersCore
import KoersStore
import KoersStoreTesting
import Testing

/// The double the web's failure-path tests use: a call it was not set up for fails the test and throws; a call set
/// to fail throws what it was given; the others answer as set.
@Suite struct StoreDoubleTests {
    @Test func aCallNotSetUpFailsTheTestWithItsName() async {
        await withKnownIssue {
            await #expect(throws: StoreDouble.NotSetUp.self) { try await StoreDouble().plans() }
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("plans()") }
        }
    }

    @Test func aCallSetToFailThrowsAndTheOthersAnswerFromTheBase() async throws {
        let memory = MemoryStore()
        try await memory.saveIndicators([Indicator(code: "a", name: LocalizedText(nl: "A"), unit: .number)])
        var store = StoreDouble(answeringFrom: memory)
        store.answers.plans = { throw StoreDouble.Failure("plans fail") }
        #expect(try await store.indicators().map(\.code) == ["a"])
        #expect(try await store.dataVersion() == memory.dataVersion())
        await #expect(throws: StoreDouble.Failure("plans fail")) { try await store.plans() }
        await #expect(throws: StoreDouble.Failure()) { try await StoreDouble.down().dataVersion() }
    }
}
