import Dispatch
import Foundation
import Synchronization

/// SIGINT and SIGTERM turned from "stop at once" into a note that long work checks at points where stopping is safe,
/// so that it can undo what it started and say so. Watching ends with `stop()`, which gives the signals back their
/// default action.
final class Interruption: @unchecked Sendable {
    // @unchecked: the dispatch sources are only touched by `watch` and `stop`, on the caller's task.
    private let received = Atomic<Int32>(0)
    private var sources: [any DispatchSourceSignal] = []
    private let signals: [Int32]

    private init(signals: [Int32]) { self.signals = signals }

    static func watch(_ signals: [Int32] = [SIGINT, SIGTERM]) -> Interruption {
        let interruption = Interruption(signals: signals)
        for number in signals {
            // The default action would end the process before the handler runs.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak interruption] in
                _ = interruption?.received.compareExchange(expected: 0, desired: number, ordering: .relaxed)
            }
            source.resume()
            interruption.sources.append(source)
        }
        return interruption
    }

    func stop() {
        for source in sources { source.cancel() }
        sources = []
        for number in signals { signal(number, SIG_DFL) }
    }

    /// The first signal received, if any.
    var receivedSignal: Int32? {
        let number = received.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }

    /// Throws `Interrupted` once a signal has come.
    func check() throws {
        if let receivedSignal { throw Interrupted(signal: receivedSignal) }
    }
}

struct Interrupted: Error, CustomStringConvertible {
    var signal: Int32

    var name: String { signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)" }
    var description: String { "interrupted by \(name)" }
    /// 128 + the signal, as shells report a process a signal ended.
    var exitCode: Int32 { 128 + signal }
}
