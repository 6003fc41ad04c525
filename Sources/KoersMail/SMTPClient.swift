import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where Koers hands its mail: an SMTP relay (Postfix on the host, the organisation's relay), spoken to in plain
/// SMTP (RFC 5321) without authentication. Encryption and authentication towards the outside world are the
/// relay's (docs/steering.md).
public struct SMTPSettings: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// The name Koers gives itself in EHLO.
    public var heloName: String
    /// Seconds to wait for a connection or an answer.
    public var timeout: Int

    public init(host: String, port: Int = 25, heloName: String = "koers.localhost", timeout: Int = 30) {
        self.host = host
        self.port = port
        self.heloName = heloName
        self.timeout = timeout
    }
}

/// What the relay answered when it did not take a message.
public struct SMTPError: Error, Sendable, CustomStringConvertible {
    public var step: String
    public var reply: String

    public var description: String { "SMTP \(step): \(reply)" }
}

/// Sends messages over one connection, one after another; each message's recipients are all accepted or the message
/// is not sent (RSET), and the others go on.
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings

    public init(_ settings: SMTPSettings) { self.settings = settings }

    /// For each message, nil when the relay took it, or why not. Throws when the relay cannot be reached or greets
    /// with a refusal.
    public func send(_ messages: [MailMessage]) async throws -> [SMTPError?] {
        let settings = self.settings
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Session.run(settings, messages) })
            }
        }
    }

    /// One connection, on a thread of its own: blocking reads and writes with the settings' timeout.
    private struct Session {
        let fd: Int32
        var buffer: [UInt8] = []

        static func run(_ settings: SMTPSettings, _ messages: [MailMessage]) throws -> [SMTPError?] {
            var session = Session(fd: try connect(settings))
            defer { close(session.fd) }
            try session.expect(220, step: "greeting")
            try session.command("EHLO \(settings.heloName)", expect: 250, step: "EHLO")
            var results: [SMTPError?] = []
            for message in messages {
                do {
                    try session.command("MAIL FROM:<\(try MailAddress.check(message.from))>", expect: 250, step: "MAIL FROM")
                    for recipient in message.to {
                        try session.command("RCPT TO:<\(try MailAddress.check(recipient))>", expect: 250, 251, step: "RCPT TO \(recipient)")
                    }
                    try session.command("DATA", expect: 354, step: "DATA")
                    let id = "\(UUID().uuidString.lowercased())@\(settings.heloName)"
                    // Dot-stuffing (RFC 5321 4.5.2): a line that starts with a dot gets another.
                    let text = message.rendered(messageID: id).split(separator: "\r\n", omittingEmptySubsequences: false)
                        .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
                    try session.write(text + (text.hasSuffix("\r\n") ? "" : "\r\n") + ".\r\n")
                    try session.expect(250, step: "end of data")
                    results.append(nil)
                } catch let error as SMTPError {
                    results.append(error)
                    try? session.command("RSET", expect: 250, step: "RSET")
                } catch let invalid as MailAddress.Invalid {
                    results.append(SMTPError(step: "address", reply: invalid.description))
                    try? session.command("RSET", expect: 250, step: "RSET")
                }
            }
            try? session.command("QUIT", expect: 221, step: "QUIT")
            return results
        }

        static func connect(_ settings: SMTPSettings) throws -> Int32 {
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var list: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(settings.host, String(settings.port), &hints, &list) == 0, let first = list else {
                throw SMTPError(step: "connect", reply: "cannot resolve \(settings.host)")
            }
            defer { freeaddrinfo(list) }
            var next: UnsafeMutablePointer<addrinfo>? = first
            while let info = next {
                let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
                if fd >= 0 {
                    // Linux bounds connect() by the send timeout too.
                    var timeout = timeval(tv_sec: settings.timeout, tv_usec: 0)
                    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                    if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
                    close(fd)
                }
                next = info.pointee.ai_next
            }
            throw SMTPError(step: "connect", reply: "cannot connect to \(settings.host):\(settings.port) (\(String(cString: strerror(errno))))")
        }

        mutating func command(_ line: String, expect codes: Int..., step: String) throws {
            try write(line + "\r\n")
            try expect(codes, step: step)
        }

        mutating func expect(_ codes: Int..., step: String) throws { try expect(codes, step: step) }

        /// Reads one reply (its last line is `ddd text`, earlier ones `ddd-text`) and checks its code.
        mutating func expect(_ codes: [Int], step: String) throws {
            var lines: [String] = []
            while true {
                let line = try readLine()
                lines.append(line)
                if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { break }
            }
            let last = lines.last ?? ""
            guard let code = Int(last.prefix(3)), codes.contains(code) else {
                throw SMTPError(step: step, reply: lines.joined(separator: " | "))
            }
        }

        mutating func readLine() throws -> String {
            while true {
                if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = buffer[..<end]
                    buffer.removeSubrange(...end)
                    return String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
                }
                // A relay's reply line is short; one that never ends is not a relay.
                guard buffer.count < 1 << 16 else { throw SMTPError(step: "read", reply: "a reply line longer than 64 KB") }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = recv(fd, &chunk, chunk.count, 0)
                guard n > 0 else { throw SMTPError(step: "read", reply: n == 0 ? "the relay closed the connection" : String(cString: strerror(errno))) }
                buffer += chunk[..<n]
            }
        }

        func write(_ text: String) throws {
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else { throw SMTPError(step: "write", reply: String(cString: strerror(errno))) }
                bytes = bytes.dropFirst(n)
            }
        }
    }
}

/// Mail as Koers is configured to send it: the relay, the sender, and the site's address for links.
public struct MailSettings: Sendable, Hashable {
    public var smtp: SMTPSettings
    public var from: String
    /// The address links in messages start with (`mail.site_url`).
    public var site: String

    public init(smtp: SMTPSettings, from: String, site: String) {
        self.smtp = smtp
        self.from = from
        self.site = site
    }
}
