import KoersCore
import KoersAccounts
import Testing

@Suite struct RightsTests {
    /// The table as the accounts issue states it, written out once more: a change to the table must change this too.
    @Test func theTableIsTheIssuesRoles() {
        let expected: [Role?: Set<Permission>] = [
            nil: [.viewPublished],
            .reader: [.viewPublished, .viewDrafts, .manageOwnAccount],
            .actionOwner: [.viewPublished, .updateOwnActions, .manageOwnAccount],
            .steward: [.viewPublished, .viewDrafts, .importData, .approveData, .manageOwnAccount, .useSecondFactor],
            .admin: Set(Permission.allCases),
        ]
        for role in [nil] + Role.allCases.map(Optional.some) {
            #expect(Rights.actions(of: role) == expected[role], "\(role?.rawValue ?? "public")")
        }
    }

    @Test func everyActionIsInTheTable() {
        #expect(Set(Rights.table.keys) == Set(Permission.allCases))
    }

    @Test func aTokenCanDoNoMoreThanItsUser() {
        #expect(Rights.mayDelegate(.steward, by: .admin))
        #expect(Rights.mayDelegate(.steward, by: .steward))
        #expect(!Rights.mayDelegate(.admin, by: .steward))
        // Not a ladder: a reader sees drafts, an action owner does not.
        #expect(!Rights.mayDelegate(.reader, by: .actionOwner))
        #expect(!Rights.mayDelegate(.actionOwner, by: .reader))
    }

    @Test func rolesByName() {
        #expect(Role(name: "Data-Steward") == .steward)
        #expect(Role(name: "superuser") == nil)
    }
}

@Suite struct PasswordTests {
    let policy: PasswordPolicy

    init() throws { policy = try PasswordPolicy.standard() }

    @Test func theShippedListHasItsThousandPasswords() {
        #expect(policy.common.count == 1000)
        #expect(policy.common.contains("123456") && policy.common.contains("password"))
    }

    @Test(arguments: [
        ("kort", "the password is 4 characters long; it needs at least 12"),
        ("elfletters!", "the password is 11 characters long; it needs at least 12"),
        ("123456789012", nil),
        (String(repeating: "é", count: 37), "the password is 74 bytes long; bcrypt reads at most 72"),
        ("jan.peeters.kortrijk@pomwvl.be", "the password is the account's e-mail address"),
        ("Jan.Peeters.Kortrijk", "the password is the account's e-mail address"),
        ("zonnebloemen in Kortrijk", nil),
    ] as [(String, String?)])
    func passwordRule(password: String, problem: String?) {
        #expect(policy.problem(with: password, email: "jan.peeters.kortrijk@pomwvl.be") == problem)
    }

    @Test func aCommonPasswordOfTwelveCharactersIsRefused() throws {
        // The shipped list's entries of 12 or more characters, which pass the length rule.
        let long = try #require(policy.common.first { $0.count >= 12 })
        #expect(policy.problem(with: long.uppercased()) == "the password is one of the 1,000 most common passwords")
    }

    @Test func hashesAreBcryptAtTheCostAndVerify() {
        // Cost 4 keeps the test fast; the cost itself is checked on a stored hash's prefix.
        let hash = PasswordHash.make("zonnebloemen in Kortrijk", cost: 4)
        #expect(hash.hasPrefix("$2b$04$") && hash.count == 60)
        #expect(PasswordHash.cost(of: hash) == 4)
        #expect(PasswordHash.verify("zonnebloemen in Kortrijk", against: hash))
        #expect(!PasswordHash.verify("zonnebloemen in kortrijk", against: hash))
        #expect(PasswordHash.make("zonnebloemen in Kortrijk", cost: 4) != hash)  // salted
        #expect(PasswordHash.cost >= 12)
    }
}
