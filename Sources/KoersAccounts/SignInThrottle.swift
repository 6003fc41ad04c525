import Foundation

/// The brute-force guard of the sign-in form (ASVS 2.2.1): how long someone must wait, given the recent failed
/// sign-ins for the address they typed and from where they are.
///
/// Failures are counted by the address *typed*, whether an account has it or not, so a lock-out tells nothing about
/// which accounts exist. A correct password during the wait is refused like a wrong one and does not count; after the
/// wait one more try is allowed, and a failure doubles the wait. A sign-in that succeeds, or a new password (an
/// admin's reset), forgets the failures.
public struct SignInThrottle: Sendable, Hashable {
    /// Failures for one typed address before it must wait.
    public var accountFailures = 5
    /// The first wait; each failure after it doubles the wait, up to `longestWait`.
    public var firstWait: TimeInterval = 60
    public var longestWait: TimeInterval = 3600
    /// Failures from one network address within `addressWindow` before that address must wait (someone trying many
    /// accounts, each below `accountFailures`).
    public var addressFailures = 30
    public var addressWindow: TimeInterval = 15 * 60
    /// How long a failure is remembered.
    public var memory: TimeInterval = 24 * 3600

    public init() {}

    /// Until when a sign-in for this typed address, and from this network address, must wait at `now`; nil when it
    /// may go ahead. The failures' times come oldest first.
    public func waitUntil(emailFailures: [Date], addressFailures: [Date], at now: Date) -> Date? {
        var until: Date?
        if emailFailures.count >= accountFailures, let last = emailFailures.last {
            let doublings = Double(emailFailures.count - accountFailures)
            until = last.addingTimeInterval(min(longestWait, firstWait * pow(2, doublings)))
        }
        let recent = addressFailures.filter { now.timeIntervalSince($0) < addressWindow }
        if recent.count >= self.addressFailures {
            // The address may try again once the oldest failure that still counts has left the window.
            let end = recent[recent.count - self.addressFailures].addingTimeInterval(addressWindow)
            until = max(until ?? end, end)
        }
        return until.flatMap { $0 > now ? $0 : nil }
    }

    /// Failures older than this no longer count for anything.
    public func forgetBefore(_ now: Date) -> Date { now.addingTimeInterval(-memory) }
}
