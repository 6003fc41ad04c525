import Crypto
import Foundation

/// The SHA-256 digest of what an import read (a file, or an Open SDG repository folder), recorded with its batch so
/// that a batch names exactly which bytes it came from. The hash itself is swift-crypto's (already compiled for
/// PostgresNIO, and several times faster than a hand-written one); this type only decides what is hashed, in chunks.
public enum FileDigest {
    /// How much of a file is read and hashed at a time: large enough to amortise the reads, small enough that a
    /// multi-gigabyte file is never held whole.
    static let chunkSize = 1 << 20

    /// The hex digest of a file, read in chunks.
    public static func hex(ofFile url: URL) throws -> String {
        var hash = SHA256()
        try feed(url, into: &hash)
        return hex(hash.finalize())
    }

    /// The hex digest of a folder (an Open SDG repository): every regular file under it, in sorted path order,
    /// hashed as its relative path, a zero byte, its size in decimal, a zero byte and its bytes, so that renaming,
    /// moving or changing any file changes the digest.
    public static func hex(ofDirectory url: URL) throws -> String {
        var hash = SHA256()
        let base = url.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return hex(hash.finalize()) }
        var files: [(path: String, size: Int)] = []
        while let path = walker.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: base + "/" + path)
            if attributes[.type] as? FileAttributeType == .typeRegular {
                files.append((path, (attributes[.size] as? NSNumber)?.intValue ?? 0))
            }
        }
        for file in files.sorted(by: { $0.path < $1.path }) {
            hash.update(data: Array(file.path.utf8) + [0] + Array(String(file.size).utf8) + [0])
            try feed(URL(fileURLWithPath: base + "/" + file.path), into: &hash)
        }
        return hex(hash.finalize())
    }

    /// The hex digest of a file, or of a folder's files.
    public static func hex(of url: URL) throws -> String {
        var isDirectory: ObjCBool = false
        FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        return isDirectory.boolValue ? try hex(ofDirectory: url) : try hex(ofFile: url)
    }

    /// A digest as lower-case hex digits (64 for SHA-256), the form stored with a batch.
    public static func hex(_ digest: some Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(SHA256.byteCount * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func feed(_ url: URL, into hash: inout SHA256) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        while let data = try handle.read(upToCount: chunkSize), !data.isEmpty { hash.update(data: data) }
    }
}
