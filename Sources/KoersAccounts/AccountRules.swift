import Foundation
import KoersCore

/// What an account is given, checked the same way from the shell (`koers user`) and the browser (the accounts page).
public enum AccountRules {
    /// A refused input, said so that the person who typed it can correct it: `description` in English for the shell;
    /// the pages say the case in the page's language.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case notAnEmail(String)
        case unknownRole(String)
        /// Organisations given for a role other than action owner; the field names where they were given.
        case organisationsForOwnersOnly(field: String)
        case organisationRequired(field: String)
        case unknownOrganisation(String, examples: [String])

        public var description: String {
            switch self {
            case .notAnEmail(let text): "'\(text)' is not an e-mail address"
            case .unknownRole(let name): "unknown role '\(name)'; the roles are \(Role.allCases.map(\.rawValue).joined(separator: ", "))"
            case .organisationsForOwnersOnly(let field): "\(field) is for action owners only"
            case .organisationRequired(let field): "an action owner reports for an organisation: name it with \(field)"
            case .unknownOrganisation(let code, let examples):
                "unknown organisation '\(code)'; see the organisations in data/plans (e.g. \(examples.joined(separator: ", ")))"
            }
        }
    }

    /// Lower-cased; one `@` with something on both sides, no spaces or control characters, at most 254 bytes.
    public static func email(_ text: String) throws(Problem) -> String {
        let email = text.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              email.utf8.count <= 254, !email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else {
            throw .notAnEmail(String(text.prefix(254)))
        }
        return email
    }

    public static func role(_ name: String) throws(Problem) -> Role {
        guard let role = Role(name: name) else {
            throw .unknownRole(String(name.prefix(40)))
        }
        return role
    }

    /// The organisations of an account with `role`: the given codes, each among `known`, for an action owner (at least
    /// one: without, they could report on nothing); none for the other roles. `keeping`: an action owner's
    /// organisations so far, kept when none are given. `field`: where the person gives them (`--organisation`).
    public static func organisations(_ codes: [String], role: Role, known: Set<String>, keeping: [String]? = nil,
                                     field: String) throws(Problem) -> [String] {
        guard role == .actionOwner else {
            guard codes.isEmpty else { throw .organisationsForOwnersOnly(field: field) }
            return []
        }
        let wanted = codes.isEmpty ? (keeping ?? []) : codes
        guard !wanted.isEmpty else { throw .organisationRequired(field: field) }
        for code in wanted where !known.contains(code) {
            throw .unknownOrganisation(String(code.prefix(60)), examples: Array(known.sorted().prefix(5)))
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
