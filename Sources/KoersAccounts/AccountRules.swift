import Foundation
import KoersCore

/// What an account is given, checked the same way from the shell (`koers user`) and the browser (the accounts page).
public enum AccountRules {
    /// A refused input, said so that the person who typed it can correct it (English; the pages translate the kind).
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// Lower-cased; one `@` with something on both sides, no spaces or control characters, at most 254 bytes.
    public static func email(_ text: String) throws(Problem) -> String {
        let email = text.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              email.utf8.count <= 254, !email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else {
            throw Problem("'\(String(text.prefix(254)))' is not an e-mail address")
        }
        return email
    }

    public static func role(_ name: String) throws(Problem) -> Role {
        guard let role = Role(name: name) else {
            throw Problem("unknown role '\(String(name.prefix(40)))'; the roles are \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return role
    }

    /// The organisations of an account with `role`: the given codes, each among `known`, for an action owner (at least
    /// one: without, they could report on nothing); none for the other roles. `keeping`: an action owner's
    /// organisations so far, kept when none are given. `field`: where the person gives them (`--organisation`).
    public static func organisations(_ codes: [String], role: Role, known: Set<String>, keeping: [String]? = nil,
                                     field: String) throws(Problem) -> [String] {
        guard role == .actionOwner else {
            guard codes.isEmpty else { throw Problem("\(field) is for action owners only") }
            return []
        }
        let wanted = codes.isEmpty ? (keeping ?? []) : codes
        guard !wanted.isEmpty else { throw Problem("an action owner reports for an organisation: name it with \(field)") }
        for code in wanted where !known.contains(code) {
            throw Problem("unknown organisation '\(String(code.prefix(60)))'; see the organisations in data/plans (e.g. \(known.sorted().prefix(5).joined(separator: ", ")))")
        }
        return wanted
    }

    /// 20 characters from 54 that cannot be mistaken for one another (no 0/O, 1/l/I): about 115 bits, from the system's
    /// cryptographic random source. What a new account or a reset gets, shown once.
    public static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
