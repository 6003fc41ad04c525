import Crypto
import Foundation

/// The secrets Koers hands out: session ids, CSRF tokens and API tokens. 32 bytes from the system's cryptographic
/// random source, written base64url; the store keeps only their SHA-256 (`hash`), so a copy of the database holds
/// none that works.
public enum SecretToken {
    /// A new secret; `prefix` (`koers_` for API tokens) lets secret scanners and people recognise it.
    public static func make(prefix: String = "") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Hex SHA-256 of the secret's UTF-8: what the store looks it up by.
    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two secrets in time that depends on their length only, not on where they first differ.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
