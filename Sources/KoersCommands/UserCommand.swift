import ArgumentParser
import Foundation
import KoersAccounts
import KoersCore
import KoersStore

/// `koers user …`: accounts from the shell. The first admin comes from here; there is no default password.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Add, list and change accounts.",
        subcommands: [Add.self, List.self, SetRole.self, Disable.self, ResetPassword.self, ResetSecondFactor.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account.",
            discussion: """
                Without --password-stdin, Koers makes a random password of 20 characters and prints it once: give it to \
                the user, who changes it after signing in. Passwords need 12 characters at least and may not be one of \
                the 1,000 most common.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The e-mail address the user signs in with.") var email: String
        @Option(help: "admin, data-steward, action-owner or reader.") var role: String
        @Option(name: .customLong("organisation"), help: "For an action owner: an organisation whose actions they report on (repeat for several).")
        var organisations: [String] = []
        @Flag(name: .customLong("password-stdin"), help: "Read the password from the first line of standard input.")
        var passwordStdin = false

        func run() async throws {
            let email = try AccountInput.email(email)
            let role = try AccountInput.role(role)
            let (password, generated) = try AccountInput.password(fromStdin: passwordStdin, email: email)
            try await store.withStore { opened in
                let accounts = try AccountInput.accounts(opened)
                let organisations = try await AccountInput.organisations(organisations, role: role, in: opened)
                try await accounts.apply(.add(email: email, role: role, organisations: organisations,
                                              passwordHash: PasswordHash.make(password)), context: AccountInput.context)
            }
            print("account \(email) added as \(role.rawValue)")
            if generated { print("password (shown once): \(password)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts (never their passwords).")
        @OptionGroup var store: StoreOptions
        @Flag(help: "One JSON object per account.") var json = false

        func run() async throws {
            let accounts = try await store.withStore { try await AccountInput.accounts($0).accounts() }
            for a in accounts {
                if json {
                    var fields = a.audited
                    fields["created_at"] = .text(a.createdAt)
                    print(AuditValue.json(fields))
                } else {
                    let organisations = a.organisations.isEmpty ? "" : " (\(a.organisations.joined(separator: ", ")))"
                    print("\(a.email)\t\(a.role.rawValue)\(organisations)\(a.disabled ? "\tdisabled" : "")"
                          + "\(a.hasSecondFactor ? "\tsecond factor" : "")\tsince \(a.createdAt)")
                }
            }
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Change an account's role.")
        @OptionGroup var store: StoreOptions
        @Argument var email: String
        @Argument(help: "admin, data-steward, action-owner or reader.") var role: String
        @Option(name: .customLong("organisation"), help: "For action-owner: the organisations (replacing those the account had).")
        var organisations: [String] = []

        func run() async throws {
            let email = try AccountInput.email(email), role = try AccountInput.role(role)
            try await store.withStore { opened in
                let accounts = try AccountInput.accounts(opened)
                let organisations = try await AccountInput.organisations(organisations, role: role, in: opened,
                                                                         keeping: try await accounts.account(email: email)?.organisations)
                try await accounts.setRole(email: email, role: role, organisations: organisations, context: AccountInput.context)
            }
            print("account \(email) is now \(role.rawValue)")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: it can no longer sign in.")
        @OptionGroup var store: StoreOptions
        @Argument var email: String

        func run() async throws {
            let email = try AccountInput.email(email)
            try await store.withStore { try await AccountInput.accounts($0).apply(.disable(email: email), context: AccountInput.context) }
            print("account \(email) disabled")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Give an account a new password (random and printed once, or from standard input).")
        @OptionGroup var store: StoreOptions
        @Argument var email: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from the first line of standard input.")
        var passwordStdin = false

        func run() async throws {
            let email = try AccountInput.email(email)
            let (password, generated) = try AccountInput.password(fromStdin: passwordStdin, email: email)
            try await store.withStore {
                try await AccountInput.accounts($0).apply(.setPassword(email: email, passwordHash: PasswordHash.make(password)),
                                                          context: AccountInput.context)
            }
            print("password of \(email) reset")
            if generated { print("password (shown once): \(password)") }
        }
    }

    struct ResetSecondFactor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-second-factor",
            abstract: "Turn an account's second factor off (a lost phone and no recovery code left); its owner can set up a new one.")
        @OptionGroup var store: StoreOptions
        @Argument var email: String

        func run() async throws {
            let email = try AccountInput.email(email)
            try await store.withStore { try await AccountInput.accounts($0).apply(.removeSecondFactor(email: email), context: AccountInput.context) }
            print("second factor of \(email) turned off")
        }
    }
}

/// Checking what an account command is given, with the errors people read.
enum AccountInput {
    /// Who runs the command: `cli:` and the operating-system user.
    static var context: AuditContext { AuditContext(actor: .commandLine(osUser: ProcessInfo.processInfo.userName)) }

    static func accounts(_ store: any Store) throws -> any AccountStore {
        guard let accounts = store as? any AccountStore else { throw ValidationError("this store keeps no accounts") }
        return accounts
    }

    static func email(_ text: String) throws -> String {
        do { return try AccountRules.email(text) } catch { throw ValidationError(error.description) }
    }

    static func role(_ name: String) throws -> Role {
        do { return try AccountRules.role(name) } catch { throw ValidationError(error.description) }
    }

    /// The organisations of an account with `role` (`AccountRules.organisations`), checked against the store's.
    static func organisations(_ codes: [String], role: Role, in store: any Store, keeping: [String]? = nil) async throws -> [String] {
        let known = role == .actionOwner ? Set(try await store.organisations().map(\.id)) : []
        do { return try AccountRules.organisations(codes, role: role, known: known, keeping: keeping, field: "--organisation CODE") } catch {
            throw ValidationError(error.description)
        }
    }

    /// The password from standard input, or a random one; either way checked against the password rule.
    static func password(fromStdin: Bool, email: String) throws -> (password: String, generated: Bool) {
        let policy = try PasswordPolicy.standard()
        guard fromStdin else { return (randomPassword(), true) }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("--password-stdin: standard input holds no password")
        }
        if let problem = policy.problem(with: line, email: email) { throw ValidationError(problem) }
        return (line, false)
    }

    static func randomPassword() -> String { AccountRules.randomPassword() }
}
