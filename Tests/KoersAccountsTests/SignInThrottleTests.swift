import Foundation
import KoersAccounts
import Testing

@Suite struct SignInThrottleTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    func times(_ offsets: [TimeInterval]) -> [Date] { offsets.map { start.addingTimeInterval($0) } }

    @Test func theWaitStartsAtTheFifthFailureAndDoublesUpToAnHour() {
        let throttle = SignInThrottle()
        #expect(throttle.waitUntil(emailFailures: times([0, 1, 2, 3]), addressFailures: [], at: start.addingTimeInterval(4)) == nil)
        // n failures, the last at 10 s: waits 60 · 2^(n-5) s after it, at most 3,600.
        for (n, wait) in [(5, 60.0), (6, 120), (7, 240), (10, 1920), (11, 3600), (30, 3600)] {
            let failures = times(Array(repeating: 0, count: n - 1) + [10])
            #expect(throttle.waitUntil(emailFailures: failures, addressFailures: [], at: start.addingTimeInterval(11))
                    == start.addingTimeInterval(10 + wait), "\(n) failures")
            #expect(throttle.waitUntil(emailFailures: failures, addressFailures: [], at: start.addingTimeInterval(10 + wait)) == nil)
        }
    }

    @Test func anAddressWaitsUntilItsOldestCountedFailureLeavesTheWindow() {
        let throttle = SignInThrottle()
        let failures = times((0..<30).map { Double($0) * 10 })
        #expect(throttle.waitUntil(emailFailures: [], addressFailures: Array(failures.prefix(29)), at: start.addingTimeInterval(300)) == nil)
        #expect(throttle.waitUntil(emailFailures: [], addressFailures: failures, at: start.addingTimeInterval(300)) == start.addingTimeInterval(900))
        // Failures older than the window no longer count.
        #expect(throttle.waitUntil(emailFailures: [], addressFailures: failures, at: start.addingTimeInterval(900)) == nil)
    }
}
