import Foundation
import HummingbirdOTP

/// The second factor: a TOTP secret shared with an authenticator app (RFC 6238: 6 digits, 30-second steps, SHA-1,
/// what every such app reads), and recovery codes for a lost phone. A code is accepted for its own step and one step
/// either side (a phone's clock a little off), once: the store keeps the last step accepted and refuses it and any
/// before it (`AccountChange.completeSignIn`).
public enum SecondFactor {
    /// The alphabet of secrets and recovery codes: RFC 4648's base32, which people type without mixing 0/O or 1/l.
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    public static let timeStep: TimeInterval = 30
    public static let recoveryCodeCount = 10

    /// A new secret: 32 base32 characters (160 bits), whose UTF-8 bytes are the HMAC key.
    public static func makeSecret() -> String { random(32) }

    /// Whether `text` can be a secret `makeSecret` made (a key sent back by a form is checked before it is used).
    public static func isSecret(_ text: String) -> Bool { text.count == 32 && text.allSatisfy(alphabet.contains) }

    /// The time step a moment falls in.
    public static func step(at date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / timeStep).rounded(.down)) }

    /// The code of one step, six digits with leading zeros.
    public static func code(secret: String, step: Int64) -> String {
        let value = TOTP(secret: secret).compute(date: Date(timeIntervalSince1970: Double(step) * timeStep))
        let digits = String(value)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The step whose code `typed` is (spaces ignored), among the step of `date` and one either side, newest first;
    /// nil when it is none of them.
    public static func step(matching typed: String, secret: String, at date: Date) -> Int64? {
        let digits = typed.filter { !$0.isWhitespace }
        guard digits.count == 6, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let now = step(at: date)
        // Every candidate is computed and compared, so that the time does not tell which one matched.
        var found: Int64?
        for candidate in [now + 1, now, now - 1] where SecretToken.equal(code(secret: secret, step: candidate), digits) {
            found = found ?? candidate
        }
        return found
    }

    /// What an authenticator app reads from a link or a QR code: `otpauth://totp/Koers:jan@…?secret=…&issuer=Koers`.
    public static func authenticatorURL(secret: String, email: String, issuer: String = "Koers") -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: "\(issuer):\(email)", issuer: issuer)
    }

    /// The key as people type it into an authenticator app: the base32 of the secret's bytes, in groups of four.
    public static func typedKey(secret: String) -> String {
        let url = authenticatorURL(secret: secret, email: "")
        let key = URLComponents(string: url)?.queryItems?.first { $0.name == "secret" }?.value ?? ""
        return stride(from: 0, to: key.count, by: 4).map { i -> String in
            let start = key.index(key.startIndex, offsetBy: i)
            return String(key[start..<(key.index(start, offsetBy: 4, limitedBy: key.endIndex) ?? key.endIndex)])
        }.joined(separator: " ")
    }

    /// New recovery codes, shown once: `XXXXX-XXXXX-XXXXX-XXXXX` (100 bits each, so their SHA-256 is as safe to keep
    /// as a token's).
    public static func makeRecoveryCodes() -> [String] {
        (0..<recoveryCodeCount).map { _ in (0..<4).map { _ in random(5) }.joined(separator: "-") }
    }

    /// A typed recovery code as it was made: upper case, dashes where they belong; nil when it cannot be one.
    public static func normalisedRecoveryCode(_ typed: String) -> String? {
        let letters = typed.uppercased().filter { $0 != "-" && !$0.isWhitespace }
        guard letters.count == 20, letters.allSatisfy(alphabet.contains) else { return nil }
        return stride(from: 0, to: 20, by: 5).map { i in
            String(letters[letters.index(letters.startIndex, offsetBy: i)..<letters.index(letters.startIndex, offsetBy: i + 5)])
        }.joined(separator: "-")
    }

    private static func random(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
