import Synchronization

/// One computation per key at a time: when 50 readers ask for the same page the moment the data changes, the first
/// computes it and the others wait for its answer instead of computing it 49 more times.
final class RenderFlights<Value: Sendable>: Sendable {
    private final class Flight: Sendable {
        /// The answer once known (nil: the leader could not share one), and the readers waiting for it.
        let state = Mutex<(done: Bool, value: Value?, waiters: [CheckedContinuation<Value?, Never>])>((false, nil, []))
    }

    private let flights = Mutex<[String: Flight]>([:])

    init() {}

    /// Runs `compute` if no reader is computing `key`, and returns its value; otherwise waits for that reader's value.
    /// nil from the leader (an answer not to share, or an error it threw) makes each waiter compute its own.
    func value(for key: String, compute: () async throws -> Value?) async rethrows -> Value? {
        let (flight, leads) = flights.withLock { flights in
            if let flight = flights[key] { return (flight, false) }
            let flight = Flight()
            flights[key] = flight
            return (flight, true)
        }
        guard leads else {
            if let shared = await Self.wait(for: flight) { return shared }
            return try await compute()
        }
        var value: Value?
        defer { finish(flight, key, value) }
        value = try await compute()
        return value
    }

    private static func wait(for flight: Flight) async -> Value? {
        await withCheckedContinuation { continuation in
            let answered: Value?? = flight.state.withLock { state in
                if state.done { return .some(state.value) }
                state.waiters.append(continuation)
                return .none
            }
            if let answered { continuation.resume(returning: answered) }
        }
    }

    private func finish(_ flight: Flight, _ key: String, _ value: Value?) {
        flights.withLock { _ = $0.removeValue(forKey: key) }
        let waiters = flight.state.withLock { state in
            state.done = true
            state.value = value
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }
}
