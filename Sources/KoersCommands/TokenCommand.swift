import ArgumentParser
import KoersAccounts
import KoersCore
import KoersStore

/// `koers token create|revoke`: API tokens for machines, such as a nightly import.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Create and revoke API tokens.",
                                                    subcommands: [Create.self, Revoke.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token for an account; it is printed once and stored only as its SHA-256.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account the token acts for.") var email: String
        @Option(help: "What the token is for, e.g. 'nightly import'.") var name: String
        @Option(help: "The token's role: the account's by default, or one with fewer rights.") var role: String?

        func run() async throws {
            let email = try AccountInput.email(email)
            let name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 100, !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw ValidationError("--name: 1 to 100 characters, no control characters")
            }
            let token = SecretToken.make(prefix: "koers_")
            try await store.withStore { opened in
                let accounts = try AccountInput.accounts(opened)
                guard let account = try await accounts.account(email: email) else { throw ValidationError("no account for \(email)") }
                let role = try role.map(AccountInput.role) ?? account.role
                try await accounts.apply(.createToken(email: email, name: name, role: role, tokenHash: SecretToken.hash(token)),
                                         context: AccountInput.context)
            }
            print("token '\(name)' created for \(email); use it as 'Authorization: Bearer <token>'")
            print("token (shown once): \(token)")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id (koers token list EMAIL shows them).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The token's id.") var id: Int64

        func run() async throws {
            let email: String = try await store.withStore { opened in
                let accounts = try AccountInput.accounts(opened)
                for account in try await accounts.accounts() where try await accounts.tokens(email: account.email).contains(where: { $0.id == id }) {
                    try await accounts.apply(.revokeToken(email: account.email, id: id), context: AccountInput.context)
                    return account.email
                }
                throw ValidationError("no token \(id)")
            }
            print("token \(id) of \(email) revoked")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an account's tokens (never the tokens themselves).")
        @OptionGroup var store: StoreOptions
        @Argument var email: String

        func run() async throws {
            let email = try AccountInput.email(email)
            let tokens = try await store.withStore { try await AccountInput.accounts($0).tokens(email: email) }
            for t in tokens {
                let state = t.revokedAt.map { "revoked \($0)" } ?? "active"
                print("\(t.id)\t\(JSONString.quote(t.name))\t\(t.role.rawValue)\t\(state)\tcreated \(t.createdAt)\tlast used \(t.lastUsedAt ?? "never")")
            }
        }
    }
}
