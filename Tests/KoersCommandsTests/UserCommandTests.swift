import Foundation
import KoersAccounts
import KoersCore
import KoersPostgres
import KoersSQLite
import KoersStore
import KoersTestSupport
import Testing

/// `koers user` and `koers audit`, as an operator runs them, on a SQLite file and on PostgreSQL.
@Suite struct UserCommandTests {
    let cli = CommandLineTests()

    func withStore(_ kind: StoreKind, _ body: (_ koers: ([String], String?) throws -> CommandLineTests.Run) async throws -> Void) async throws {
        let folder = try TemporaryFolder()
        switch kind {
        case .sqlite: try await body { try cli.koers($0, in: folder, input: $1) }
        case .postgres:
            try await ScratchDatabase.with(on: try TestPostgres.requireURL()) { url in
                try await body { try cli.koers($0 + ["--db", url], in: folder, input: $1) }
            }
        case .memory: throw StoreKind.NoLocation()
        }
    }

    @Test(arguments: StoreKind.all) func theFirstAdminComesFromTheShellAndEveryChangeIsAudited(_ kind: StoreKind) async throws {
        try await withStore(kind) { koers in
            let admin = try koers(["user", "add", "Admin@POMWVL.be", "--role", "admin", "--password-stdin"], "zonnebloemen in Kortrijk\n")
            #expect(admin.status == 0, "\(admin.errors)")
            #expect(admin.output == "account admin@pomwvl.be added as admin\n")

            // Without --password-stdin: a random password, printed once.
            let owner = try koers(["user", "add", "bart@voka.be", "--role", "action-owner", "--organisation", "voka",
                                   "--organisation", "unizo"], nil)
            #expect(owner.status == 0, "\(owner.errors)")
            let printed = try #require(owner.output.split(separator: "\n").last)
            #expect(printed.hasPrefix("password (shown once): ") && printed.count == "password (shown once): ".count + 20)

            #expect(try koers(["user", "role", "bart@voka.be", "reader"], nil).status == 0)
            #expect(try koers(["user", "disable", "bart@voka.be"], nil).status == 0)
            #expect(try koers(["user", "reset-password", "admin@pomwvl.be", "--password-stdin"], "een nieuw lang wachtwoord\n").status == 0)

            let list = try koers(["user", "list", "--json"], nil)
            #expect(list.status == 0)
            let accounts = list.output.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            #expect(accounts.map { $0?["email"] as? String } == ["admin@pomwvl.be", "bart@voka.be"])
            #expect(accounts.map { $0?["role"] as? String } == ["admin", "reader"])
            #expect(accounts[1]?["organisations"] as? [String] == [] && accounts[1]?["disabled"] as? Bool == true)
            #expect(!list.output.contains("$2b$") && !list.output.contains("password"))

            let audit = try koers(["audit", "--json"], nil)
            #expect(audit.status == 0, "\(audit.errors)")
            let rows = audit.output.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            // Newest first: the reset, the disable, the organisations dropped with the role, the role, two adds, and
            // the bundled catalogue the first command loaded into the new store.
            #expect(rows.map { $0["kind"] as? String } == ["account.password", "account.disable", "account.organisations",
                                                          "account.role", "account.add", "account.add", "catalogue.replace"])
            #expect(rows.allSatisfy { ($0["actor"] as? String)?.hasPrefix("cli:") == true })
            #expect(!audit.output.contains("$2b$") && !audit.output.contains("zonnebloemen"))
            #expect(try koers(["audit", "--object", "account:admin@pomwvl.be"], nil).output.split(separator: "\n").count == 2)
        }
    }

    /// A lost phone and no recovery code left: an admin at the shell turns the second factor off.
    @Test func anAdminAtTheShellTurnsASecondFactorOff() async throws {
        let folder = try TemporaryFolder()
        func koers(_ arguments: [String]) throws -> CommandLineTests.Run { try cli.koers(arguments, in: folder) }
        #expect(try koers(["user", "add", "an@pomwvl.be", "--role", "data-steward"]).status == 0)
        let none = try koers(["user", "reset-second-factor", "an@pomwvl.be"])
        #expect(none.status != 0 && none.errors.contains("the account an@pomwvl.be has no second factor"), "\(none.errors)")
        do {
            let store = try SQLiteStore(path: folder.path("koers.sqlite"))
            try await store.apply(.enrolSecondFactor(email: "an@pomwvl.be", secret: SecondFactor.makeSecret(), step: 1, recoveryCodeHashes: ["x"]),
                                  context: AuditContext(actor: .user(email: "an@pomwvl.be")))
        }
        #expect(try koers(["user", "list"]).output.contains("\tsecond factor\t"))
        let reset = try koers(["user", "reset-second-factor", "an@pomwvl.be"])
        #expect(reset.status == 0 && reset.output == "second factor of an@pomwvl.be turned off\n", "\(reset.errors)")
        #expect(!(try koers(["user", "list"]).output.contains("second factor")))
        #expect(try koers(["audit"]).output.contains("account.second-factor"))
    }

    @Test(arguments: StoreKind.all) func aTokenIsShownOnceStoredHashedAndRevoked(_ kind: StoreKind) async throws {
        try await withStore(kind) { koers in
            #expect(try koers(["user", "add", "an@pomwvl.be", "--role", "data-steward"], nil).status == 0)
            let create = try koers(["token", "create", "an@pomwvl.be", "--name", "nachtelijke import"], nil)
            #expect(create.status == 0, "\(create.errors)")
            let token = try #require(create.output.split(separator: "\n").last?.split(separator: " ").last.map(String.init))
            #expect(token.hasPrefix("koers_") && token.count == 6 + 43)
            let tooMuch = try koers(["token", "create", "an@pomwvl.be", "--name", "beheer", "--role", "admin"], nil)
            #expect(tooMuch.status != 0 && tooMuch.errors.contains("a token cannot be admin: its account is data-steward"), "\(tooMuch.errors)")

            let list = try koers(["token", "list", "an@pomwvl.be"], nil)
            #expect(list.output.hasPrefix("1\t\"nachtelijke import\"\tdata-steward\tactive"), "\(list.output)")
            // The token is nowhere but in the one answer that made it.
            for run in [list, try koers(["audit", "--json"], nil), try koers(["user", "list", "--json"], nil)] {
                #expect(!run.output.contains(token))
            }
            #expect(try koers(["token", "revoke", "1"], nil).output == "token 1 of an@pomwvl.be revoked\n")
            #expect(try koers(["token", "list", "an@pomwvl.be"], nil).output.contains("\trevoked "))
            let unknown = try koers(["token", "revoke", "9"], nil)
            #expect(unknown.status != 0 && unknown.errors.contains("no token 9"))
        }
    }

    @Test func mistakesGetClearErrorsAndChangeNothing() async throws {
        try await withStore(.sqlite) { koers in
            let cases: [([String], String?, String)] = [
                (["user", "add", "an@pomwvl.be", "--role", "superuser", "--password-stdin"], "zonnebloemen in Kortrijk\n",
                 "unknown role 'superuser'; the roles are admin, data-steward, action-owner, reader"),
                (["user", "add", "an@pomwvl.be", "--role", "admin", "--password-stdin"], "kort\n",
                 "the password is 4 characters long; it needs at least 12"),
                (["user", "add", "an@pomwvl.be", "--role", "admin", "--password-stdin"], "1qaz2wsx3edc\n",
                 "the password is one of the 1,000 most common passwords"),
                (["user", "add", "geen adres", "--role", "admin"], nil, "'geen adres' is not an e-mail address"),
                (["user", "add", "an@pomwvl.be", "--role", "action-owner"], nil,
                 "an action owner reports for an organisation: name it with --organisation CODE"),
                (["user", "add", "an@pomwvl.be", "--role", "action-owner", "--organisation", "nergens"], nil, "unknown organisation 'nergens'"),
                (["user", "add", "an@pomwvl.be", "--role", "reader", "--organisation", "voka"], nil, "--organisation CODE is for action owners only"),
                (["user", "disable", "niemand@pomwvl.be"], nil, "no account for niemand@pomwvl.be"),
                (["audit", "--since", "gisteren"], nil, "--since 'gisteren' is not an ISO 8601 date or time"),
            ]
            for (arguments, input, message) in cases {
                let run = try koers(arguments, input)
                #expect(run.status != 0, "\(arguments)")
                #expect(run.errors.contains(message), "\(arguments): \(run.errors)")
            }
            #expect(try koers(["user", "add", "an@pomwvl.be", "--role", "reader"], nil).status == 0)
            let duplicate = try koers(["user", "add", "AN@pomwvl.be", "--role", "admin"], nil)
            #expect(duplicate.status != 0 && duplicate.errors.contains("an account for an@pomwvl.be exists already"), "\(duplicate.errors)")
            #expect(try koers(["user", "list"], nil).output.split(separator: "\n").count == 1)
            // The one add, and the catalogue loaded into the new store: none of the refused commands left a row.
            #expect(try koers(["audit"], nil).output.split(separator: "\n").count == 2)
        }
    }
}
