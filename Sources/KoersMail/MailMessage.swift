import Foundation

/// One e-mail as Koers sends it: plain text, UTF-8, its body in base64 so that no line is too long, no line starts
/// with a dot and no relay needs 8-bit support. Addresses and the subject come from people and the store: an address
/// must be one (`MailAddress.check`) and the subject can never hold a line break, so no header can be added.
public struct MailMessage: Sendable, Hashable {
    public var from: String
    public var to: [String]
    public var subject: String
    public var body: String

    public init(from: String, to: [String], subject: String, body: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
    }

    /// The message as RFC 5322 text with CRLF line ends, ready for SMTP's DATA (before dot-stuffing).
    public func rendered(date: Date = Date(), messageID: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let text = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        // Lines of 76 characters, as MIME asks (RFC 2045 6.8).
        let flat = Data(text.utf8).base64EncodedString()
        let encoded = stride(from: 0, to: flat.count, by: 76).map { start -> String in
            let from = flat.index(flat.startIndex, offsetBy: start)
            return String(flat[from..<(flat.index(from, offsetBy: 76, limitedBy: flat.endIndex) ?? flat.endIndex)])
        }.joined(separator: "\r\n")
        let headers = [
            "From: \(from)", "To: \(to.joined(separator: ", "))", "Subject: \(Self.encodedWord(subject))",
            "Date: \(formatter.string(from: date))", "Message-ID: <\(messageID)>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "Auto-Submitted: auto-generated",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encoded + "\r\n"
    }

    /// A header text on one line: line breaks become spaces; text beyond ASCII is written as RFC 2047 encoded words
    /// (UTF-8, base64), each at most 75 characters.
    static func encodedWord(_ text: String) -> String {
        let flat = String(text.map { $0.isNewline ? " " : $0 }).trimmingCharacters(in: .whitespaces)
        guard flat.unicodeScalars.contains(where: { $0.value > 0x7E || $0.value < 0x20 }) else { return flat }
        var words: [String] = [], chunk = ""
        for c in flat {
            if (chunk + String(c)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(c)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }
}

/// E-mail addresses as Koers accepts them for sending: one `local@domain`, no spaces, brackets or line breaks.
public enum MailAddress {
    public struct Invalid: Error, CustomStringConvertible {
        public var address: String
        public var description: String { "'\(address)' is not an e-mail address Koers sends to" }
    }

    @discardableResult
    public static func check(_ address: String) throws -> String {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), address.count <= 254,
              !address.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "<>()[],;:\\\"".unicodeScalars.contains($0) })
        else { throw Invalid(address: address) }
        return address
    }
}
