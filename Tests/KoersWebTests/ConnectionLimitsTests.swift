import Foundation
import Hummingbird
import HummingbirdTesting
import KoersTestSupport
import NIOCore
import Testing

@testable import KoersWeb

/// Connections a client holds without finishing them are closed by the server: idle keep-alive connections,
/// headers sent a byte at a time, and the half-closed socket after a `Connection: close` answer to a request whose
/// large body was never read (it stayed in FIN-WAIT-2 for good, one file descriptor each).
struct ConnectionLimitsTests {
    let pages: PageTests

    init() async throws { pages = try await PageTests() }

    @Test func theUnreadBodyOfAClosedConnectionDoesNotHoldTheSocket() async throws {
        // A long idle timeout, so that only the lingering close can end the connection within the test.
        let app = try await buildApplication(store: pages.store, port: 0, idleTimeout: .seconds(120))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port, timeout: 10)
            let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 << 10)
            try await connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 10000000\r\n\r\n")
            try await connection.send(chunk)
            let answer = try await connection.readToEnd()
            #expect(answer.status == 200, "\(answer.headers)")
            // After the linger, the server's socket is gone: what the client sends now is answered with a reset
            // (before: the half-open socket kept taking bytes).
            try await Task.sleep(for: .milliseconds(Int(CloseAfterWritesHandler.linger.nanoseconds / 1_000_000) + 1_000))
            var reset = false
            for _ in 0..<5 where !reset {
                do {
                    try await connection.send(chunk)
                    try await Task.sleep(for: .milliseconds(100))
                    try await connection.readOnce()
                } catch let failure as RawConnection.Failure {
                    reset = failure.errno == EPIPE || failure.errno == ECONNRESET
                    #expect(reset, "\(failure)")
                }
            }
            #expect(reset, "the server still holds the connection after \(CloseAfterWritesHandler.linger)")
        }
    }

    @Test func idleConnectionsAndHeadersSentByteByByteAreClosed() async throws {
        let app = try await buildApplication(store: pages.store, port: 0, idleTimeout: .seconds(1))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let clock = ContinuousClock()

            // Silent from the start.
            let silent = try RawConnection(port: port, timeout: 10)
            var started = clock.now
            #expect(try await silent.readOnce() == 0)
            #expect(clock.now - started < .seconds(5))

            // Kept alive after one answer, then idle.
            let kept = try RawConnection(port: port, timeout: 10)
            try await kept.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            started = clock.now
            let answer = try await kept.readToEnd()
            #expect(answer.status == 200)
            #expect(clock.now - started < .seconds(5))

            // A header line every 300 ms, never the blank line that ends the head.
            let slow = try RawConnection(port: port, timeout: 10)
            started = clock.now
            var closed = false
            try await slow.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            for line in 0..<20 where !closed {
                try await Task.sleep(for: .milliseconds(300))
                do { try await slow.send("X-Slow-\(line): a\r\n") } catch { closed = true }
            }
            if !closed { closed = (try? await slow.readOnce()) == 0 }
            #expect(closed, "a head sent for 6 s was still being read")
            #expect(clock.now - started < .seconds(5))

            // The server still answers others (on a new connection: the test client's own has been idle too).
            let other = try RawConnection(port: port, timeout: 10)
            try await other.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            #expect(try await other.readToEnd().status == 200)
        }
    }
}
