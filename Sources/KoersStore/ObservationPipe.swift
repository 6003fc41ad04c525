import Foundation
import KoersCore

/// Runs a file's reading and validation on a thread of its own while the caller writes what it produced, so that a
/// large import uses two cores: parsing and validating one chunk of rows while SQLite stores the previous one.
///
/// At most `capacity` chunks wait between the two, so memory does not grow with the file. An error on either side
/// stops both and is rethrown to the caller; the reading thread has always finished when `run` returns.
enum ObservationPipe {
    static func run(chunkSize: Int = 4096, capacity: Int = 4,
                    produce: @escaping @Sendable (_ sink: ObservationSink) throws -> Void,
                    consume: (Observation, Location) throws -> Void) throws {
        let queue = ChunkQueue(capacity: capacity)
        let reader = Thread {
            var chunk: [(Observation, Location)] = []
            chunk.reserveCapacity(chunkSize)
            do {
                try produce { observation, location in
                    chunk.append((observation, location))
                    if chunk.count == chunkSize {
                        try queue.put(chunk)
                        chunk = []
                        chunk.reserveCapacity(chunkSize)
                    }
                }
                if !chunk.isEmpty { try queue.put(chunk) }
                queue.finish(nil)
            } catch {
                queue.finish(error)
            }
        }
        reader.start()
        do {
            while let chunk = try queue.take() {
                for (observation, location) in chunk { try consume(observation, location) }
            }
        } catch {
            queue.cancel()
            queue.waitUntilFinished()
            throw error
        }
    }
}

/// The bounded hand-over between the reading and the writing thread.
private final class ChunkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[(Observation, Location)]] = []
    private let capacity: Int
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false

    /// Thrown to the reading side when the writing side gave up.
    struct Cancelled: Error {}

    init(capacity: Int) { self.capacity = capacity }

    func put(_ chunk: [(Observation, Location)]) throws {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        chunks.append(chunk)
        condition.broadcast()
    }

    func finish(_ error: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        failure = error
        condition.broadcast()
    }

    /// The next chunk; nil once the reader has finished and everything was taken; the reader's error if it failed.
    func take() throws -> [(Observation, Location)]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        if !chunks.isEmpty {
            condition.broadcast()
            return chunks.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        chunks.removeAll()
        condition.broadcast()
    }

    func waitUntilFinished() {
        condition.lock()
        defer { condition.unlock() }
        while !finished { condition.wait() }
    }
}
