import HummingbirdBcrypt

/// Passwords as bcrypt hashes (`$2b$12$…`), never in clear: the only form Koers stores, logs or dumps.
public enum PasswordHash {
    /// 12: about a quarter of a second on this project's CI machines, as OWASP's password storage guide advises
    /// (a work factor of 10 at least); `docs/benchmarks.md` has the measured time.
    public static let cost: UInt8 = 12

    public static func make(_ password: String, cost: UInt8 = cost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, against hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// The cost a stored hash was made with (`$2b$12$…` → 12), to rehash at sign-in when the cost was raised.
    public static func cost(of hash: String) -> Int? {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: true)
        return parts.count >= 2 ? Int(parts[1]) : nil
    }
}
