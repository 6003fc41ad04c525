import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 client on a plain socket with a tiny receive buffer, reading as told: a server's answer then waits
/// mostly in the server's own buffers, as it does for a reader on a slow line, instead of in the kernel's.
final class SlowReader: @unchecked Sendable {
    private let socket: Int32
    private(set) var received: [UInt8] = []

    /// Connects to 127.0.0.1:`port` and sends `GET path`.
    init(port: Int, path: String) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure("socket: \(errno)") }
        // Before connecting, so that the window the server is offered is small from the start.
        var size: Int32 = 4096
        setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        // A server that neither sends nor closes fails the test instead of hanging it.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure("connect: \(errno)") }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard send(socket, request, request.count, 0) == request.count else { throw Failure("send: \(errno)") }
    }

    deinit { close(socket) }

    /// Reads until at least `count` bytes have arrived in all.
    func read(atLeast count: Int) throws {
        while received.count < count {
            guard try readOnce() > 0 else { throw Failure("the connection ended after \(received.count) bytes") }
        }
    }

    /// Reads until the server closes the connection; the status and the body after the headers.
    func readToEnd() throws -> (status: Int?, headers: String, body: [UInt8]) {
        while try readOnce() > 0 {}
        let separator = Array("\r\n\r\n".utf8)
        guard let end = received.indices.first(where: { received[$0...].starts(with: separator) }) else {
            return (nil, String(decoding: received, as: UTF8.self), [])
        }
        let headers = String(decoding: received[..<end], as: UTF8.self)
        let status = headers.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        return (status, headers, Array(received[(end + separator.count)...]))
    }

    private func readOnce() throws -> Int {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(socket, &buffer, buffer.count, 0)
        guard count >= 0 else { throw Failure("recv: \(errno)") }
        received.append(contentsOf: buffer[..<count])
        return count
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
