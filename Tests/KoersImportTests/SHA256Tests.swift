import Foundation
import KoersImport
import KoersTestSupport
import Testing

@Suite struct SHA256Tests {
    /// FIPS 180-4 test vectors.
    @Test(arguments: [("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                      ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                      ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")])
    func knownVectors(_ text: String, _ digest: String) {
        var hash = SHA256()
        hash.update(Array(text.utf8))
        #expect(hash.hex() == digest)
    }

    @Test func aMillionAsStreamedInChunksAndFromAFile() throws {
        var hash = SHA256()
        for _ in 0..<1000 { hash.update([UInt8](repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(hash.hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        let folder = try TemporaryFolder()
        let file = try folder.write("a.txt", String(repeating: "a", count: 1_000_000))
        #expect(try SHA256.hex(ofFile: file) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
