import KoersAccounts
import Testing

@Suite struct SecretTokenTests {
    @Test func secretsAreLongRandomAndHashedAsSHA256() {
        let secrets = (0..<100).map { _ in SecretToken.make() }
        #expect(Set(secrets).count == 100)
        #expect(secrets.allSatisfy { $0.count == 43 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } })
        // FIPS 180-2's test vector for "abc".
        #expect(SecretToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func comparisonIsExact() {
        #expect(SecretToken.equal("abc", "abc"))
        #expect(!SecretToken.equal("abc", "abd"))
        #expect(!SecretToken.equal("abc", "abcd"))
        #expect(!SecretToken.equal("", "a"))
    }
}
