import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 client on a plain TCP socket, for what a library client would not do: send a request in pieces, stop
/// reading, keep sending after the answer, or read with a tiny receive buffer (an answer then waits mostly in the
/// server's own buffers, as it does for a reader on a slow line).
///
/// Its calls block, so they run on a thread of their own: on Swift's few cooperative threads they could starve a
/// server running in the same process (two such tests in parallel on two cores deadlocked until their timeouts).
public final class RawConnection: @unchecked Sendable {
    private let socket: Int32
    private let thread = DispatchQueue(label: "RawConnection")
    public private(set) var received: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; a read that gets nothing for `timeout` seconds fails instead of hanging.
    public init(port: Int, receiveBuffer: Int32? = nil, timeout: Int = 30) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure("socket: \(errno)") }
        // Before connecting, so that the window the server is offered is small from the start.
        if var size = receiveBuffer {
            setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure("connect: \(errno)") }
    }

    deinit { close(socket) }

    /// Sends all of `bytes` (MSG_NOSIGNAL: a gone peer is an error, not SIGPIPE); throws with errno when the peer has gone (EPIPE, ECONNRESET).
    public func send(_ bytes: [UInt8]) async throws {
        try await blocking { try self.sendNow(bytes) }
    }

    private func sendNow(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw Failure("send: \(errno)", errno: errno) }
            sent += count
        }
    }

    public func send(_ text: String) async throws { try await send(Array(text.utf8)) }

    /// Reads until at least `count` bytes have arrived in all.
    public func read(atLeast count: Int) async throws {
        try await blocking { try self.readNow(atLeast: count) }
    }

    private func readNow(atLeast count: Int) throws {
        while received.count < count {
            guard try readNow() > 0 else { throw Failure("the connection ended after \(received.count) bytes") }
        }
    }

    /// Reads until the server closes the connection; the status and the body after the headers.
    public func readToEnd() async throws -> (status: Int?, headers: String, body: [UInt8]) {
        try await blocking { while try self.readNow() > 0 {} }
        let separator = Array("\r\n\r\n".utf8)
        guard let end = received.indices.first(where: { received[$0...].starts(with: separator) }) else {
            return (nil, String(decoding: received, as: UTF8.self), [])
        }
        let headers = String(decoding: received[..<end], as: UTF8.self)
        let status = headers.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        return (status, headers, Array(received[(end + separator.count)...]))
    }

    /// One read: the byte count (0: the server closed its side); throws with errno on a reset or a timeout.
    @discardableResult public func readOnce() async throws -> Int {
        try await blocking { try self.readNow() }
    }

    private func readNow() throws -> Int {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(socket, &buffer, buffer.count, 0)
        guard count >= 0 else { throw Failure("recv: \(errno)", errno: errno) }
        received.append(contentsOf: buffer[..<count])
        return count
    }

    private func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            thread.async { continuation.resume(with: Result { try work() }) }
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public let errno: Int32?
        init(_ description: String, errno: Int32? = nil) {
            self.description = description
            self.errno = errno
        }
    }
}
