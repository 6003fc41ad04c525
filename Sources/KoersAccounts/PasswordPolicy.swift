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

    /// Why a password is refused.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        case tooShort(characters: Int)
        case tooLong(bytes: Int)
        case common
        case emailAddress

        /// In English, for the shell.
        public var description: String {
            switch self {
            case .tooShort(let n): "the password is \(n) characters long; it needs at least \(PasswordPolicy.minimumCharacters)"
            case .tooLong(let n): "the password is \(n) bytes long; bcrypt reads at most \(PasswordPolicy.maximumBytes)"
            case .common: "the password is one of the 1,000 most common passwords"
            case .emailAddress: "the password is the account's e-mail address"
            }
        }
    }

    /// Why `password` is refused for the account `email`; nil when it is accepted.
    public func check(_ password: String, email: String? = nil) -> Problem? {
        if password.count < Self.minimumCharacters { return .tooShort(characters: password.count) }
        if password.utf8.count > Self.maximumBytes { return .tooLong(bytes: password.utf8.count) }
        let lowered = password.lowercased()
        if common.contains(lowered) { return .common }
        if let email, !email.isEmpty {
            let address = email.lowercased(), local = address.split(separator: "@").first.map(String.init) ?? address
            if lowered == address || lowered == local { return .emailAddress }
        }
        return nil
    }

    /// Why `password` is refused for the account `email`, in English; nil when it is accepted.
    public func problem(with password: String, email: String? = nil) -> String? {
        check(password, email: email)?.description
    }
}
