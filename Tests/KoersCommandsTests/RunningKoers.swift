import Foundation
import KoersTestSupport
import Synchronization
import Testing

/// A `koers` process left running, so that a test can wait for what it prints, signal it, and see how it ended.
final class RunningKoers: @unchecked Sendable {
    // @unchecked: `Process` is not Sendable; it is only started, signalled and waited for.
    let process: Process
    private let output = Mutex("")
    private let errors = Mutex("")
    /// Pipes that reached their end (the process closed its side).
    private let ended = Atomic(0)

    init(_ arguments: [String], in folder: TemporaryFolder, environment: [String: String] = [:]) throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.executable.path), "build the executable first: swift build")
        process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder.url
        var inherited = ProcessInfo.processInfo.environment
        inherited["KOERS_DATABASE_URL"] = nil
        process.environment = inherited.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        for (pipe, isError) in [(out, false), (err, true)] {
            pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                if data.isEmpty { handle.readabilityHandler = nil }
                self?.received(data, isError: isError)
            }
        }
        try process.run()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    private func received(_ data: Data, isError: Bool) {
        if data.isEmpty {
            ended.add(1, ordering: .relaxed)
            return
        }
        let text = String(decoding: data, as: UTF8.self)
        if isError { errors.withLock { $0 += text } } else { output.withLock { $0 += text } }
    }

    var standardOutput: String { output.withLock { $0 } }
    var standardError: String { errors.withLock { $0 } }

    /// Waits until standard output contains `text` and returns the output; fails the test if the process ends first
    /// or nothing comes within `seconds` (generous: the whole suite may be running beside it).
    @discardableResult
    func waitForOutput(containing text: String, seconds: Double = 300) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            let now = standardOutput
            if now.contains(text) { return now }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("koers \(process.arguments ?? []) did not print '\(text)'; output: \(standardOutput) errors: \(standardError)")
        throw CancellationError()
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits for the process to end (at most `seconds`) and returns how.
    func exit(seconds: Double = 300) async throws -> (reason: Process.TerminationReason, status: Int32) {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        try #require(!process.isRunning, "koers \(process.arguments ?? []) did not end within \(seconds) s")
        process.waitUntilExit()
        // Its last words may still be in the pipes: read them to their end.
        while ended.load(ordering: .relaxed) < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        return (process.terminationReason, process.terminationStatus)
    }
}
