import Foundation
import GRDB
import KoersCore
import KoersPostgres
import KoersSQLite
import KoersStore
import KoersTestSupport
import Testing

/// The account store's contract, on a real SQLite file and a real PostgreSQL database.
@Suite struct AccountStoreTests {
    static let cli = AuditContext(actor: .commandLine(osUser: "analist"))
    static let hash = "$2b$12$abcdefghijklmnopqrstuuOQzZ0lDvcV0Ay8fsiBLW0TtH1fYAbvy"

    static func withAccounts(_ kind: StoreKind, _ body: (any AccountStore, TestStore) async throws -> Void) async throws {
        try await kind.withStore { test in
            let accounts = try #require(test.store as? any AccountStore, "\(kind) keeps accounts")
            try await body(accounts, test)
        }
    }

    @Test(arguments: StoreKind.all) func anAccountIsAddedChangedAndEachChangeAudited(_ kind: StoreKind) async throws {
        try await Self.withAccounts(kind) { store, test in
            try await store.apply(.add(email: "an@pomwvl.be", role: .steward, organisations: [], passwordHash: Self.hash), context: Self.cli)
            try await store.apply(.add(email: "bart@voka.be", role: .actionOwner, organisations: ["voka", "unizo"], passwordHash: Self.hash),
                                  context: AuditContext(actor: .user(email: "an@pomwvl.be"), address: "192.0.2.7", userAgent: "Firefox/133"))
            try await store.apply(.setRole(email: "an@pomwvl.be", role: .admin), context: Self.cli)
            try await store.apply(.setOrganisations(email: "bart@voka.be", organisations: ["unizo"]), context: Self.cli)
            try await store.apply(.disable(email: "bart@voka.be"), context: Self.cli)
            try await store.apply(.setPassword(email: "an@pomwvl.be", passwordHash: Self.hash.replacingOccurrences(of: "abc", with: "xyz")), context: Self.cli)

            let accounts = try await store.accounts()
            #expect(accounts.map(\.email) == ["an@pomwvl.be", "bart@voka.be"])
            #expect(accounts.map(\.role) == [.admin, .actionOwner])
            #expect(accounts[1].organisations == ["unizo"] && accounts[1].disabled)
            #expect(accounts[0].passwordHash.contains("xyz"))
            #expect(accounts.map(\.id) == [1, 2])

            // A second Koers on the same store sees the same accounts.
            let again = try #require(try await test.open() as? any AccountStore)
            #expect(try await again.account(email: "bart@voka.be")?.organisations == ["unizo"])

            let trail = try await store.auditEntries(AuditFilter())
            #expect(trail.map(\.kind) == ["account.password", "account.disable", "account.organisations", "account.role",
                                          "account.add", "account.add"])
            #expect(trail.map(\.id) == [6, 5, 4, 3, 2, 1])
            let added = trail[4]
            #expect(added.actor == "user:an@pomwvl.be" && added.address == "192.0.2.7" && added.userAgent == "Firefox/133")
            #expect(added.before == nil)
            #expect(added.after == #"{"disabled":false,"email":"bart@voka.be","organisations":["voka","unizo"],"role":"action-owner"}"#)
            #expect(trail[2].before?.contains(#""organisations":["voka","unizo"]"#) == true)
            #expect(trail[2].after?.contains(#""organisations":["unizo"]"#) == true)
            #expect(trail[3].actor == "cli:analist")
            // No hash, old or new, in the trail.
            #expect(trail.allSatisfy { !($0.before ?? "").contains("$2b$") && !($0.after ?? "").contains("$2b$") })
            #expect(trail[0].after?.contains(#""password":"changed""#) == true)

            #expect(try await store.auditEntries(AuditFilter(object: "account:bart@voka.be")).count == 3)
            #expect(try await store.auditEntries(AuditFilter(actor: "an@pomwvl.be")).map(\.id) == [2])
            #expect(try await store.auditEntries(AuditFilter(actor: "cli:analist", limit: 2)).map(\.id) == [6, 5])
            #expect(try await store.auditEntries(AuditFilter(since: "2999-01-01")).isEmpty)
        }
    }

    @Test(arguments: StoreKind.all) func sessionsLiveOnTheServerAndEndWithSignOutPasswordOrDisable(_ kind: StoreKind) async throws {
        try await Self.withAccounts(kind) { store, test in
            try await store.apply(.add(email: "an@pomwvl.be", role: .steward, organisations: [], passwordHash: Self.hash), context: Self.cli)
            let web = AuditContext(actor: .user(email: "an@pomwvl.be"), address: "192.0.2.7", userAgent: "Firefox/133")
            for id in ["a1", "b2", "c3"] {
                try await store.apply(.startSession(email: "an@pomwvl.be", idHash: id, csrfToken: "csrf-\(id)", address: "192.0.2.7",
                                                    userAgent: "Firefox/133"), context: web)
            }
            let session = try #require(try await store.session(idHash: "a1"))
            #expect(session.account.email == "an@pomwvl.be" && session.csrfToken == "csrf-a1" && session.address == "192.0.2.7")
            // Another Koers instance on the same database knows the session.
            let other = try #require(try await test.open() as? any AccountStore)
            #expect(try await other.session(idHash: "b2")?.csrfToken == "csrf-b2")
            try await other.touchSession(idHash: "b2", at: "2030-01-01T00:00:00Z")
            #expect(try await store.session(idHash: "b2")?.lastSeenAt == "2030-01-01T00:00:00Z")

            try await store.apply(.endSession(email: "an@pomwvl.be", idHash: "a1"), context: web)
            #expect(try await store.session(idHash: "a1") == nil)
            try await store.apply(.setPassword(email: "an@pomwvl.be", passwordHash: Self.hash), context: Self.cli)
            #expect(try await store.session(idHash: "b2") == nil)
            #expect(try await store.session(idHash: "c3") == nil)

            try await store.apply(.startSession(email: "an@pomwvl.be", idHash: "d4", csrfToken: "x", address: nil, userAgent: nil), context: web)
            try await store.apply(.disable(email: "an@pomwvl.be"), context: Self.cli)
            #expect(try await store.session(idHash: "d4") == nil)
            await #expect(throws: AccountError.disabled("an@pomwvl.be")) {
                try await store.apply(.startSession(email: "an@pomwvl.be", idHash: "e5", csrfToken: "x", address: nil, userAgent: nil), context: web)
            }
            let kinds = try await store.auditEntries(AuditFilter()).map(\.kind)
            #expect(kinds == ["account.disable", "session.start", "account.password", "session.end", "session.start",
                              "session.start", "session.start", "account.add"])
        }
    }

    @Test(arguments: StoreKind.all) func aSecondFactorIsEnrolledProvedOnceAndRemoved(_ kind: StoreKind) async throws {
        try await Self.withAccounts(kind) { store, test in
            let email = "an@pomwvl.be", web = AuditContext(actor: .user(email: email), address: "192.0.2.7")
            try await store.apply(.add(email: email, role: .steward, organisations: [], passwordHash: Self.hash), context: Self.cli)
            // Without a second factor there is nothing to wait for.
            await #expect(throws: AccountError.noSecondFactor(email)) {
                try await store.apply(.awaitSecondFactor(email: email, idHash: "p0", csrfToken: "c", address: nil, userAgent: nil), context: web)
            }
            try await store.apply(.enrolSecondFactor(email: email, secret: "SECRETSECRETSECRETSECRETSECRET23", step: 100,
                                                     recoveryCodeHashes: ["r1", "r2", "r3"]), context: web)
            var account = try #require(try await store.account(email: email))
            #expect(account.totpSecret == "SECRETSECRETSECRETSECRETSECRET23" && account.totpLastStep == 100 && account.recoveryCodesLeft == 3)
            // Another instance on the database sees it.
            #expect(try await (try #require(try await test.open() as? any AccountStore)).account(email: email)?.hasSecondFactor == true)

            try await store.apply(.awaitSecondFactor(email: email, idHash: "p1", csrfToken: "c1", address: nil, userAgent: nil), context: web)
            #expect(try await store.session(idHash: "p1")?.secondFactorPending == true)
            // The step of the enrolment's code, or one before it, is spent already; and nothing is written.
            for step: Int64 in [99, 100] {
                await #expect(throws: AccountError.codeUsed) {
                    try await store.apply(.completeSignIn(email: email, pendingIDHash: "p1", idHash: "s1", csrfToken: "c", address: nil,
                                                          userAgent: nil, proof: .totp(step: step)), context: web)
                }
            }
            #expect(try await store.session(idHash: "s1") == nil)
            #expect(try await store.session(idHash: "p1") != nil)
            try await store.apply(.completeSignIn(email: email, pendingIDHash: "p1", idHash: "s1", csrfToken: "c", address: nil,
                                                  userAgent: nil, proof: .totp(step: 101)), context: web)
            #expect(try await store.session(idHash: "p1") == nil)
            #expect(try await store.session(idHash: "s1")?.secondFactorPending == false)
            #expect(try await store.account(email: email)?.totpLastStep == 101)
            // The waiting session is gone: the same completion again has nothing to complete.
            await #expect(throws: AccountError.noPendingSignIn) {
                try await store.apply(.completeSignIn(email: email, pendingIDHash: "p1", idHash: "s2", csrfToken: "c", address: nil,
                                                      userAgent: nil, proof: .totp(step: 102)), context: web)
            }
            // A full session cannot stand in for a waiting one.
            await #expect(throws: AccountError.noPendingSignIn) {
                try await store.apply(.completeSignIn(email: email, pendingIDHash: "s1", idHash: "s2", csrfToken: "c", address: nil,
                                                      userAgent: nil, proof: .totp(step: 102)), context: web)
            }

            // A recovery code works once.
            try await store.apply(.awaitSecondFactor(email: email, idHash: "p2", csrfToken: "c2", address: nil, userAgent: nil), context: web)
            try await store.apply(.completeSignIn(email: email, pendingIDHash: "p2", idHash: "s3", csrfToken: "c", address: nil,
                                                  userAgent: nil, proof: .recoveryCode(hash: "r2")), context: web)
            #expect(try await store.account(email: email)?.recoveryCodesLeft == 2)
            try await store.apply(.awaitSecondFactor(email: email, idHash: "p3", csrfToken: "c3", address: nil, userAgent: nil), context: web)
            for code in ["r2", "nonsense"] {
                await #expect(throws: AccountError.unknownRecoveryCode) {
                    try await store.apply(.completeSignIn(email: email, pendingIDHash: "p3", idHash: "s4", csrfToken: "c", address: nil,
                                                          userAgent: nil, proof: .recoveryCode(hash: code)), context: web)
                }
            }

            try await store.apply(.removeSecondFactor(email: email), context: Self.cli)
            account = try #require(try await store.account(email: email))
            #expect(account.totpSecret == nil && account.totpLastStep == nil && account.recoveryCodesLeft == 0)
            await #expect(throws: AccountError.noSecondFactor(email)) { try await store.apply(.removeSecondFactor(email: email), context: Self.cli) }

            let trail = try await store.auditEntries(AuditFilter())
            #expect(trail.map(\.kind) == ["account.second-factor", "session.await-second-factor", "session.start", "session.await-second-factor",
                                          "session.start", "session.await-second-factor", "account.second-factor", "account.add"])
            // Never the secret or a code's hash; the enrolment says there is one, and how many codes.
            #expect(trail.allSatisfy { !"\($0.before ?? "") \($0.after ?? "")".contains("SECRET") && !($0.after ?? "").contains("r1") })
            #expect(trail[6].after == #"{"disabled":false,"email":"an@pomwvl.be","organisations":[],"recovery_codes":3,"role":"data-steward","second_factor":true}"#)
            #expect(trail[4].after == #"{"second_factor":"totp"}"#)
            #expect(trail[2].after == #"{"recovery_codes_left":2,"second_factor":"recovery code"}"#)
            #expect(trail[0].before?.contains(#""second_factor":true"#) == true && trail[0].after?.contains("second_factor") == false)
        }
    }

    @Test(arguments: StoreKind.all) func tokensAreStoredHashedRevocableAndNoMightierThanTheirAccount(_ kind: StoreKind) async throws {
        try await Self.withAccounts(kind) { store, _ in
            try await store.apply(.add(email: "an@pomwvl.be", role: .steward, organisations: [], passwordHash: Self.hash), context: Self.cli)
            try await store.apply(.add(email: "bart@voka.be", role: .actionOwner, organisations: ["voka"], passwordHash: Self.hash), context: Self.cli)
            try await store.apply(.createToken(email: "an@pomwvl.be", name: "nachtelijke import", role: .steward, tokenHash: "h1"), context: Self.cli)
            try await store.apply(.createToken(email: "an@pomwvl.be", name: "lezen", role: .reader, tokenHash: "h2"), context: Self.cli)
            await #expect(throws: AccountError.cannotDelegate(.admin, .steward)) {
                try await store.apply(.createToken(email: "an@pomwvl.be", name: "te veel", role: .admin, tokenHash: "h3"), context: Self.cli)
            }
            let token = try #require(try await store.token(hash: "h1"))
            #expect(token.id == 1 && token.name == "nachtelijke import" && token.role == .steward && token.account.email == "an@pomwvl.be")
            #expect(token.lastUsedAt == nil && token.revokedAt == nil)
            try await store.recordTokenUse(id: 1, at: "2026-12-07T02:00:00Z")
            #expect(try await store.token(hash: "h1")?.lastUsedAt == "2026-12-07T02:00:00Z")
            #expect(try await store.tokens(email: "an@pomwvl.be").map(\.id) == [2, 1])

            // Only the account's own tokens can be revoked through it.
            await #expect(throws: AccountError.unknownToken(1)) {
                try await store.apply(.revokeToken(email: "bart@voka.be", id: 1), context: Self.cli)
            }
            try await store.apply(.revokeToken(email: "an@pomwvl.be", id: 1), context: Self.cli)
            #expect(try await store.token(hash: "h1")?.revokedAt != nil)
            #expect(try await store.token(hash: "h2")?.revokedAt == nil)
            #expect(try await store.token(hash: "nope") == nil)
            let trail = try await store.auditEntries(AuditFilter(actor: "cli:analist"))
            #expect(trail.prefix(3).map(\.kind) == ["token.revoke", "token.create", "token.create"])
            #expect(trail.allSatisfy { !($0.after ?? "").contains("h1") })
        }
    }

    @Test(arguments: StoreKind.all) func failedSignInsAreCountedPerTypedAddressAndPlaceSharedAndForgotten(_ kind: StoreKind) async throws {
        try await Self.withAccounts(kind) { store, test in
            try await store.apply(.add(email: "an@pomwvl.be", role: .steward, organisations: [], passwordHash: Self.hash), context: Self.cli)
            let times = ["2026-12-07T08:00:00Z", "2026-12-07T08:01:00Z", "2026-12-07T08:02:00Z"]
            for t in times { try await store.recordSignInFailure(email: "an@pomwvl.be", address: "192.0.2.7", at: t, forgetBefore: "2026-12-06T08:00:00Z") }
            try await store.recordSignInFailure(email: "niemand@pomwvl.be", address: "192.0.2.7", at: "2026-12-07T08:03:00Z", forgetBefore: "2026-12-06T08:00:00Z")
            // A second Koers on the same database counts the same failures.
            let other = try #require(try await test.open() as? any AccountStore)
            let counted = try await other.signInFailures(email: "an@pomwvl.be", address: "192.0.2.7", since: "2026-12-07T08:01:00Z")
            #expect(counted == SignInFailures(email: Array(times.dropFirst()), address: Array(times.dropFirst()) + ["2026-12-07T08:03:00Z"]))
            #expect(try await store.signInFailures(email: "an@pomwvl.be", address: nil, since: "").address == [])
            // Bookkeeping, not a change: no audit row, and not in the trail.
            #expect(try await store.auditEntries(AuditFilter()).map(\.kind) == ["account.add"])
            // A day later they are forgotten; a new password forgets them at once.
            try await store.recordSignInFailure(email: "an@pomwvl.be", address: nil, at: "2026-12-08T08:01:30Z", forgetBefore: "2026-12-07T08:01:30Z")
            #expect(try await store.signInFailures(email: "an@pomwvl.be", address: "192.0.2.7", since: "").email == ["2026-12-07T08:02:00Z", "2026-12-08T08:01:30Z"])
            try await store.apply(.setPassword(email: "an@pomwvl.be", passwordHash: Self.hash), context: Self.cli)
            #expect(try await store.signInFailures(email: "an@pomwvl.be", address: nil, since: "").email == [])
            try await store.recordSignInFailure(email: "niemand@pomwvl.be", address: nil, at: "2026-12-08T09:00:00Z", forgetBefore: "2026-12-07T09:00:00Z")
            try await store.clearSignInFailures(email: "niemand@pomwvl.be")
            #expect(try await store.signInFailures(email: "niemand@pomwvl.be", address: nil, since: "").email == [])
        }
    }

    @Test(arguments: StoreKind.all) func aRefusedChangeWritesNothingNotEvenItsAuditRow(_ kind: StoreKind) async throws {
        try await Self.withAccounts(kind) { store, _ in
            try await store.apply(.add(email: "an@pomwvl.be", role: .steward, organisations: [], passwordHash: Self.hash), context: Self.cli)
            await #expect(throws: AccountError.duplicateEmail("an@pomwvl.be")) {
                try await store.apply(.add(email: "an@pomwvl.be", role: .admin, organisations: [], passwordHash: Self.hash), context: Self.cli)
            }
            await #expect(throws: AccountError.unknownAccount("niemand@pomwvl.be")) {
                try await store.apply(.disable(email: "niemand@pomwvl.be"), context: Self.cli)
            }
            #expect(try await store.accounts().map(\.role) == [.steward])
            #expect(try await store.auditEntries(AuditFilter()).count == 1)
        }
    }

    @Test func aChangeWhoseAuditRowFailsIsRolledBack() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("koers.sqlite")
        let store = try SQLiteStore(path: path)
        // The audit insert fails (as a full disk or a broken trigger would make it): the change must go with it.
        let db = try DatabaseQueue(path: path)
        try await db.write { try $0.execute(sql: "CREATE TRIGGER audit_fails BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk full'); END") }
        await #expect(throws: (any Error).self) {
            try await store.apply(.add(email: "an@pomwvl.be", role: .admin, organisations: ["pom"], passwordHash: Self.hash), context: Self.cli)
        }
        #expect(try await store.accounts().isEmpty)
        #expect(try await db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM account_organisation") } == 0)
    }

    @Test(arguments: StoreKind.all) func theAuditTrailCannotBeChangedOrEmptied(_ kind: StoreKind) async throws {
        // Straight SQL on the database, past Koers: the schema's triggers refuse it.
        func check(_ store: any AccountStore, execute: (String) async throws -> Void) async throws {
            try await store.apply(.add(email: "an@pomwvl.be", role: .steward, organisations: [], passwordHash: Self.hash), context: Self.cli)
            for sql in ["UPDATE audit SET actor = 'cli:niemand'", "DELETE FROM audit"] {
                await #expect(throws: (any Error).self, "\(sql)") { try await execute(sql) }
            }
            #expect(try await store.auditEntries(AuditFilter()).map(\.actor) == ["cli:analist"])
        }
        switch kind {
        case .sqlite:
            let folder = try TemporaryFolder()
            let path = folder.path("koers.sqlite")
            let store = try SQLiteStore(path: path)
            let db = try DatabaseQueue(path: path)
            try await check(store) { sql in try await db.write { try $0.execute(sql: sql) } }
        case .postgres:
            try await ScratchDatabase.with(on: try TestPostgres.requireURL()) { url in
                try await PostgresStore.with(url: url) { store in
                    try await check(store) { sql in try await PostgresSchemaTests.execute([sql], on: url) }
                }
            }
        case .memory: break
        }
    }
}
