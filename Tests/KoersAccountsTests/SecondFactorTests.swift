import Foundation
import KoersAccounts
import Testing

@Suite struct SecondFactorTests {
    /// RFC 6238's test secret (SHA-1), appendix B; its 8-digit codes end in these 6.
    static let rfcSecret = "12345678901234567890"

    @Test func codesAreTheRFCsTestVectors() {
        let vectors: [(seconds: Double, code: String)] = [
            (59, "287082"), (1_111_111_109, "081804"), (1_111_111_111, "050471"), (1_234_567_890, "005924"),
            (2_000_000_000, "279037"), (20_000_000_000, "353130"),
        ]
        for v in vectors {
            #expect(SecondFactor.code(secret: Self.rfcSecret, step: SecondFactor.step(at: Date(timeIntervalSince1970: v.seconds))) == v.code,
                    "at \(v.seconds)")
        }
    }

    @Test func aCodeIsAcceptedForItsStepAndOneEitherSideOnly() {
        let now = Date(timeIntervalSince1970: 1_234_567_890), step = SecondFactor.step(at: now)
        for offset: Int64 in [-1, 0, 1] {
            let code = SecondFactor.code(secret: Self.rfcSecret, step: step + offset)
            #expect(SecondFactor.step(matching: code, secret: Self.rfcSecret, at: now) == step + offset)
            // As people type it, with a space in the middle.
            #expect(SecondFactor.step(matching: code.prefix(3) + " " + code.dropFirst(3), secret: Self.rfcSecret, at: now) == step + offset)
        }
        for offset: Int64 in [-3, -2, 2, 3] {
            let code = SecondFactor.code(secret: Self.rfcSecret, step: step + offset)
            #expect(SecondFactor.step(matching: code, secret: Self.rfcSecret, at: now) == nil, "offset \(offset)")
        }
        for typed in ["", "12345", "1234567", "abcdef", "٠١٢٣٤٥"] {
            #expect(SecondFactor.step(matching: typed, secret: Self.rfcSecret, at: now) == nil, "\(typed)")
        }
        // Another secret's code is not this one's.
        let other = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
        #expect(SecondFactor.step(matching: SecondFactor.code(secret: other, step: step), secret: Self.rfcSecret, at: now) == nil)
    }

    @Test func theKeyIsTheBase32OfTheSecretsBytesAsAppsReadIt() {
        // RFC 4648's base32 of "12345678901234567890", in groups of four.
        #expect(SecondFactor.typedKey(secret: Self.rfcSecret) == "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ")
        let url = SecondFactor.authenticatorURL(secret: Self.rfcSecret, email: "an@pomwvl.be")
        #expect(url == "otpauth://totp/Koers:an@pomwvl.be?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Koers")
    }

    @Test func secretsAndRecoveryCodesAreNewEachTimeAndReadBackAsTyped() {
        let secrets = (0..<50).map { _ in SecondFactor.makeSecret() }
        #expect(Set(secrets).count == 50 && secrets.allSatisfy(SecondFactor.isSecret))
        #expect(!SecondFactor.isSecret("ABC") && !SecondFactor.isSecret(String(repeating: "1", count: 32)))
        let codes = SecondFactor.makeRecoveryCodes()
        #expect(codes.count == 10 && Set(codes).count == 10)
        for code in codes {
            #expect(code.count == 23 && code.split(separator: "-").count == 4)
            #expect(SecondFactor.normalisedRecoveryCode(code) == code)
            #expect(SecondFactor.normalisedRecoveryCode(code.lowercased().replacingOccurrences(of: "-", with: " ")) == code)
        }
        #expect(SecondFactor.normalisedRecoveryCode("123456") == nil)
        #expect(SecondFactor.normalisedRecoveryCode("AAAAA-AAAAA-AAAAA-AAAA1") == nil)
    }
}
