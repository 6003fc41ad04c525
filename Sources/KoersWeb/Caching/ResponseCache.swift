import Hummingbird
import Synchronization

/// Finished GET answers kept in memory, each under the store's data version it was computed from.
///
/// An entry is only served while the store still answers that version (`Store.dataVersion`), so a second instance,
/// an import from the command line or a write by this process makes it stale at once: nothing here can contradict
/// the database. Memory is bounded by `capacity` bytes of bodies; the least recently used entries go first, and
/// entries of an older version go as soon as a newer one is seen.
final class ResponseCache: Sendable {
    struct Entry: Sendable {
        var version: Int64
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer
        /// A strong validator for the body's bytes, quoted as HTTP wants it.
        var etag: String
    }

    fileprivate struct State {
        var entries: [String: (entry: Entry, lastUse: UInt64)] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var newestVersion: Int64 = .min
        var hits = 0
        var misses = 0
    }

    let capacity: Int
    private let state = Mutex(State())

    /// `capacity`: the most body bytes kept; 0 keeps nothing.
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The entry for `key` computed under `version`, if there is one.
    func entry(_ key: String, version: Int64) -> Entry? {
        state.withLock { state in
            state.forget(olderThan: version)
            guard let found = state.entries[key], found.entry.version == version else {
                state.misses += 1
                return nil
            }
            state.hits += 1
            state.clock += 1
            state.entries[key]!.lastUse = state.clock
            return found.entry
        }
    }

    /// Keeps `entry` under `key`, unless it is larger than the whole cache or older than what is already known.
    func keep(_ entry: Entry, as key: String) {
        let size = entry.body.readableBytes
        guard size <= capacity else { return }
        state.withLock { state in
            state.forget(olderThan: entry.version)
            guard entry.version == state.newestVersion else { return }
            state.clock += 1
            if let replaced = state.entries.updateValue((entry, state.clock), forKey: key) {
                state.bytes -= replaced.entry.body.readableBytes
            }
            state.bytes += size
            if state.bytes > capacity { state.evict(downTo: capacity * 9 / 10) }
        }
    }

    /// The number of entries and their body bytes, for tests and metrics.
    var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.entries.count, $0.bytes) }
    }

    /// How many lookups found a current entry and how many did not, for metrics.
    var lookups: (hits: Int, misses: Int) {
        state.withLock { ($0.hits, $0.misses) }
    }
}

extension ResponseCache.State {
    /// Drops every entry computed before `version` once a newer version is seen: they can never be served again.
    mutating func forget(olderThan version: Int64) {
        guard version > newestVersion else { return }
        newestVersion = version
        entries.removeAll()
        bytes = 0
    }

    /// Drops the least recently used entries until the bodies take at most `limit` bytes (evicting a tenth more than
    /// needed, so a full cache does not sort its entries on every insert).
    mutating func evict(downTo limit: Int) {
        for (key, value) in entries.sorted(by: { $0.value.lastUse < $1.value.lastUse }) {
            guard bytes > limit else { return }
            entries[key] = nil
            bytes -= value.entry.body.readableBytes
        }
    }
}
