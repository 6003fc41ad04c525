import Foundation

/// When `koers serve` sends the weekly digests: a weekday and a time of day in UTC (`mail.digest: "monday 08:00"`).
public struct DigestSchedule: Sendable, Hashable {
    /// ISO 8601: 1 is Monday, 7 Sunday.
    public var weekday: Int
    public var hour: Int
    public var minute: Int

    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// Parses `monday 08:00` (also `maandag 8:00`); nil for anything else.
    public init?(_ text: String) {
        let dutch = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
        let parts = text.lowercased().split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let day = Self.weekdays.firstIndex(of: String(parts[0])) ?? dutch.firstIndex(of: String(parts[0])) else { return nil }
        let time = parts[1].split(separator: ":")
        guard time.count == 2, let h = Int(time[0]), let m = Int(time[1]), (0...23).contains(h), (0...59).contains(m), time[1].count == 2 else { return nil }
        weekday = day + 1
        hour = h
        minute = m
    }

    /// The first moment of this schedule strictly after `date`.
    public func next(after date: Date) -> Date {
        let seconds = date.timeIntervalSince1970
        let day = Int((seconds / 86_400).rounded(.down))
        // 1 January 1970 was a Thursday (ISO weekday 4).
        let todayWeekday = ((day + 3) % 7 + 7) % 7 + 1
        var ahead = (weekday - todayWeekday + 7) % 7
        var candidate = Double(day + ahead) * 86_400 + Double(hour * 3600 + minute * 60)
        if candidate <= seconds {
            ahead += 7
            candidate = Double(day + ahead) * 86_400 + Double(hour * 3600 + minute * 60)
        }
        return Date(timeIntervalSince1970: candidate)
    }
}
