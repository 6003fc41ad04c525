import KoersCore

/// Reporting repeated keys: the line and value of every occurrence of the reported keys, from a second reading of
/// the file (only done when a file repeats keys). Both stores find the repeats their own way and report them here.
public struct RepeatReport {
    /// How many duplicate, and how many conflicting, rows a file's outcome names (the rest are counted).
    public static let limit = 50

    /// A row whose key an earlier row of the same file already gave.
    public struct Repeat: Sendable {
        public var key: ObservationKey
        public var location: Location
        public var value: Double
        /// Whether it gives the key another value or other flags than the key's first row.
        public var conflicting: Bool

        public init(key: ObservationKey, location: Location, value: Double, conflicting: Bool) {
            self.key = key
            self.location = location
            self.value = value
            self.conflicting = conflicting
        }
    }

    private var occurrences: [ObservationKey: [(location: Location, value: Double)]] = [:]

    public init(keys: some Sequence<ObservationKey>) {
        for key in keys { occurrences[key] = [] }
    }

    public mutating func add(_ o: Observation, at location: Location) {
        let key = o.key
        guard occurrences[key] != nil, occurrences[key]!.count < 20 else { return }
        occurrences[key]!.append((location, o.value))
    }

    /// The duplicates to report; throws `ImportConflicts` when any repeat conflicts. `repeats` are the first
    /// `limit` of each kind in file order, `conflictCount` all the conflicting rows.
    public func duplicatesOrConflicts(_ repeats: [Repeat], conflictCount: Int) throws -> [Diagnostic] {
        if conflictCount > 0 {
            // One problem per conflicting key reported, and per conflicting row beyond those.
            let reported = repeats.filter(\.conflicting)
            let diagnostics = conflicts(repeats)
            throw ImportConflicts(diagnostics: diagnostics, total: diagnostics.count + conflictCount - reported.count)
        }
        return duplicates(repeats)
    }

    /// "line 8: duplicate of line 7 (…, same value): counted once", at the repeating line.
    func duplicates(_ repeats: [Repeat]) -> [Diagnostic] {
        repeats.filter { !$0.conflicting }.map { r in
            let first = occurrences[r.key]?.first?.location.line
            return Diagnostic(file: r.location.file, line: r.location.line, column: r.location.column, message:
                "duplicate of line \(first.map(String.init) ?? "?") (\(Self.describe(r.key)), same value): counted once")
        }
    }

    /// One problem per conflicting key, at its first line: "… is 100 here but line 9 says 101".
    func conflicts(_ repeats: [Repeat]) -> [Diagnostic] {
        var reported = Set<ObservationKey>()
        return repeats.filter { $0.conflicting && reported.insert($0.key).inserted }.compactMap { r in
            guard let all = occurrences[r.key], let first = all.first else { return nil }
            let others = all.dropFirst().map { "line \($0.location.line) says \($0.value.shortDescription)" }
            return Diagnostic(file: first.location.file, line: first.location.line, column: first.location.column, message:
                "conflicting duplicate: \(Self.describe(r.key)) is \(first.value.shortDescription) here but \(others.joined(separator: ", "))")
        }
    }

    private static func describe(_ key: ObservationKey) -> String {
        "\(key.indicator) \(key.region) \(key.period)" + (key.breakdown.isEmpty ? "" : " (\(key.breakdown.key))")
    }
}

extension Double {
    /// 75.4, 7719: Swift's shortest round-tripping form without a trailing ".0".
    var shortDescription: String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
