import Foundation

/// What Koers accepts as a password (OWASP ASVS 4.0, level 1, V2.1): at least 12 characters, none of the 1,000 most
/// common passwords, not the account's e-mail address; at most 72 bytes, because bcrypt reads no further and a longer
/// password would silently be only its first 72 bytes. No rules on character classes (ASVS 2.1.9).
public struct PasswordPolicy: Sendable {
    public static let minimumCharacters = 12
    public static let maximumBytes = 72

    /// The shipped list (`Resources/common-passwords.txt`, see its SOURCES.md), lower-cased.
    public let common: Set<String>

    public init(common: Set<String>) {
        self.common = common
    }

    /// The policy with the shipped list of common passwords.
    public static func standard() throws -> PasswordPolicy {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return PasswordPolicy(common: Set(text.split(whereSeparator: \.isNewline).map { $0.lowercased() }))
    }

    /// Why `password` is refused for the account `email`, in English; nil when it is accepted.
    public func problem(with password: String, email: String? = nil) -> String? {
        if password.count < Self.minimumCharacters {
            return "the password is \(password.count) characters long; it needs at least \(Self.minimumCharacters)"
        }
        if password.utf8.count > Self.maximumBytes {
            return "the password is \(password.utf8.count) bytes long; bcrypt reads at most \(Self.maximumBytes)"
        }
        let lowered = password.lowercased()
        if common.contains(lowered) { return "the password is one of the 1,000 most common passwords" }
        if let email, !email.isEmpty {
            let address = email.lowercased(), local = address.split(separator: "@").first.map(String.init) ?? address
            if lowered == address || lowered == local { return "the password is the account's e-mail address" }
        }
        return nil
    }
}
