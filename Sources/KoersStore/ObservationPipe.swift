import Foundation
import KoersCore

/// Runs a file's reading and validation on a thread of its own while the caller writes what it produced, so that a
/// large import uses two cores: parsing and validating one chunk of rows while the store writes the previous one.
///
/// At most `capacity` chunks wait between the two, so memory does not grow with the file. An error on either side
/// stops both and is rethrown to the caller; the reading thread has always finished when `run` returns.
public enum ObservationPipe {
    public typealias Chunk = [(Observation, Location)]

    /// For a writer on a thread of its own (SQLite's): waits for chunks by blocking.
    public static func run(chunkSize: Int = 4096, capacity: Int = 4,
                           produce: @escaping @Sendable (_ sink: ObservationSink) throws -> Void,
                           consume: (Observation, Location) throws -> Void) throws {
        let queue = start(chunkSize: chunkSize, capacity: capacity, produce: produce)
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

    /// For an asynchronous writer (PostgreSQL's): waits for chunks without holding a thread of Swift's pool.
    public static func run(chunkSize: Int = 4096, capacity: Int = 4,
                           produce: @escaping @Sendable (_ sink: ObservationSink) throws -> Void,
                           consumeChunk: (Chunk) async throws -> Void) async throws {
        let queue = start(chunkSize: chunkSize, capacity: capacity, produce: produce)
        do {
            while let chunk = try await queue.next() { try await consumeChunk(chunk) }
        } catch {
            queue.cancel()
            await queue.finished()
            throw error
        }
    }

    private static func start(chunkSize: Int, capacity: Int, produce: @escaping @Sendable (_ sink: ObservationSink) throws -> Void) -> ChunkQueue {
        let queue = ChunkQueue(capacity: capacity)
        let reader = Thread {
            var chunk: Chunk = []
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
        return queue
    }
}

/// The bounded hand-over between the reading and the writing thread.
private final class ChunkQueue: @unchecked Sendable {
    typealias Chunk = ObservationPipe.Chunk
    private let condition = NSCondition()
    private var chunks: [Chunk] = []
    private let capacity: Int
    private var finishedReading = false
    private var failure: (any Error)?
    private var cancelled = false
    /// An asynchronous writer waiting for a chunk or for the end, resumed by `put` or `finish`.
    private var waiter: CheckedContinuation<Void, Never>?

    /// Thrown to the reading side when the writing side gave up.
    struct Cancelled: Error {}

    init(capacity: Int) { self.capacity = capacity }

    func put(_ chunk: Chunk) throws {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        chunks.append(chunk)
        wake()
    }

    func finish(_ error: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        finishedReading = true
        failure = error
        wake()
    }

    /// Called with the lock held.
    private func wake() {
        condition.broadcast()
        waiter?.resume()
        waiter = nil
    }

    /// The next chunk; nil once the reader has finished and everything was taken; the reader's error if it failed.
    func take() throws -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finishedReading { condition.wait() }
        return try takeReady()
    }

    /// `take` without blocking a thread.
    func next() async throws -> Chunk? {
        while true {
            let ready: Result<Chunk?, any Error>? = condition.withLock {
                !chunks.isEmpty || finishedReading ? Result { try takeReady() } : nil
            }
            if let ready { return try ready.get() }
            await waitForChange()
        }
    }

    /// Called with the lock held, when a chunk is there or the reader has finished.
    private func takeReady() throws -> Chunk? {
        if !chunks.isEmpty {
            condition.broadcast()
            return chunks.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    private func waitForChange() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.withLock {
                if chunks.isEmpty && !finishedReading { waiter = continuation } else { continuation.resume() }
            }
        }
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
        while !finishedReading { condition.wait() }
    }

    /// `waitUntilFinished` without blocking a thread.
    func finished() async {
        while !(condition.withLock { finishedReading }) { await waitForChange() }
    }
}
