import Crypto
import Foundation
import KoersImport
import KoersTestSupport
import Testing

/// The digests recorded with import batches: swift-crypto's SHA-256 as `FileDigest` hashes and prints it.
@Suite struct SHA256Tests {
    /// FIPS 180-4 test vectors.
    @Test(arguments: [("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                      ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                      ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")])
    func knownVectors(_ text: String, _ digest: String) throws {
        var hash = SHA256()
        hash.update(data: Array(text.utf8))
        #expect(FileDigest.hex(hash.finalize()) == digest)
        let folder = try TemporaryFolder()
        #expect(try FileDigest.hex(ofFile: folder.write("vector.txt", text)) == digest)
    }

    @Test func aMillionAsStreamedInChunksAndFromAFile() throws {
        var hash = SHA256()
        for _ in 0..<1000 { hash.update(data: [UInt8](repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(FileDigest.hex(hash.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        let folder = try TemporaryFolder()
        let file = try folder.write("a.txt", String(repeating: "a", count: 1_000_000))
        #expect(try FileDigest.hex(ofFile: file) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// A file larger than one chunk is read in several; the digest is that of the whole file.
    @Test func aFileOfSeveralChunks() throws {
        let folder = try TemporaryFolder()
        let text = String(repeating: "0123456789", count: 250_000)
        let file = try folder.write("big.txt", text)
        #expect(try FileDigest.hex(ofFile: file) == FileDigest.hex(SHA256.hash(data: Array(text.utf8))))
    }

    /// A folder hashes each file as path, zero, size, zero, bytes, in sorted order: the digest recorded for an
    /// Open SDG repository before swift-crypto, so stored batches keep matching.
    @Test func aFolderAsPathSizeAndBytes() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("b.csv", "Year,Value\n2020,1\n")
        _ = try folder.write("a.txt", "abc")
        var expected = SHA256()
        for (path, text) in [("a.txt", "abc"), ("b.csv", "Year,Value\n2020,1\n")] {
            expected.update(data: Array(path.utf8) + [0] + Array(String(text.utf8.count).utf8) + [0] + Array(text.utf8))
        }
        #expect(try FileDigest.hex(of: folder.url) == FileDigest.hex(expected.finalize()))
        #expect(try FileDigest.hex(of: folder.url) != FileDigest.hex(ofFile: folder.url.appendingPathComponent("a.txt")))
    }
}
