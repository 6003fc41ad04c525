import Foundation
import NIOCore

/// Strong entity tags for response bodies: a 64-bit FNV-1a hash of the bytes. It only tells a reader's copy from the
/// current one (not a security check), and the same bytes get the same tag in every instance and version.
enum ETag {
    static func of(_ body: ByteBuffer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        body.withUnsafeReadableBytes { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        return "\"\(String(hash, radix: 16))\""
    }

    /// Whether an If-None-Match header (`*`, or tags separated by commas, possibly weak) names `tag`.
    static func matches(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let value = candidate.trimmingCharacters(in: .whitespaces)
            return value == "*" || value == tag || value == "W/" + tag
        }
    }
}
