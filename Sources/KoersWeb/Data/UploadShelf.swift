import Foundation
import KoersAccounts
import KoersImport
import NIOCore

/// Uploaded files between the preview and the steward's confirmation: nothing reaches the store until then, so the
/// files wait here, in a folder of their own named by a random token, for one person and one hour. The files are
/// written under names Koers makes (`1.csv`); the names people gave them are kept only as text, for messages.
struct UploadShelf: Sendable {
    let root: URL
    static let lifetime: TimeInterval = 3600
    /// The extensions the import reads; any other file is refused before it is written.
    static let extensions: Set<String> = ["csv", "xlsx", "json", "tsv", "txt"]

    struct Options: Codable, Sendable, Hashable {
        var decimal: String?
        var dates: String?
    }

    struct Manifest: Codable, Sendable {
        var owner: String
        var createdAt: Date
        /// The names as sent, in upload order; the files are `1.ext`, `2.ext`, …
        var names: [String]
        var stored: [String]
        var hasMapping: Bool
        var mappingName: String?
        var options: Options
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    init(root: URL = FileManager.default.temporaryDirectory.appendingPathComponent("koers-uploads", isDirectory: true)) {
        self.root = root
    }

    /// Keeps the files for `owner`; returns the token that names them. Refuses a file the import cannot read by its
    /// extension.
    func put(_ files: [UploadForm.File], mapping: UploadForm.File?, options: Options, owner: String) throws -> String {
        sweep()
        var stored: [String] = []
        for (index, file) in files.enumerated() {
            let ext = (file.name as NSString).pathExtension.lowercased()
            guard Self.extensions.contains(ext) else {
                throw Problem(description: "\(file.name): Koers reads .csv, .xlsx, .json and .tsv files, not this one")
            }
            stored.append("\(index + 1).\(ext)")
        }
        let token = SecretToken.make()
        let folder = root.appendingPathComponent(token, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for (file, name) in zip(files, stored) { try Data(file.bytes.readableBytesView).write(to: folder.appendingPathComponent(name)) }
        if let mapping { try Data(mapping.bytes.readableBytesView).write(to: folder.appendingPathComponent("mapping.yaml")) }
        let manifest = Manifest(owner: owner, createdAt: Date(), names: files.map(\.name), stored: stored, hasMapping: mapping != nil,
                                mappingName: mapping?.name, options: options)
        try JSONEncoder().encode(manifest).write(to: folder.appendingPathComponent("manifest.json"))
        return token
    }

    /// The waiting upload named by `token`, if it is `owner`'s and not expired. A token that is not one (the
    /// 43 base64url characters of `SecretToken`) never reaches the file system.
    func take(_ token: String, owner: String) -> (folder: URL, manifest: Manifest)? {
        guard token.count == 43, token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        let folder = root.appendingPathComponent(token, isDirectory: true)
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("manifest.json").path),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data),
              manifest.owner == owner, Date().timeIntervalSince(manifest.createdAt) < Self.lifetime else { return nil }
        return (folder, manifest)
    }

    /// The imports of a waiting upload, with the mapping (a problem in it is the file's problem, with its line).
    func imports(_ folder: URL, _ manifest: Manifest) throws -> [FileImport] {
        var mapping = ImportMapping()
        if manifest.hasMapping {
            mapping = try ImportMapping.load(folder.appendingPathComponent("mapping.yaml"), name: manifest.mappingName ?? "mapping.yaml")
        }
        if let dates = manifest.options.dates.flatMap(DateOrder.init(rawValue:)) { mapping.dates = dates }
        return zip(manifest.names, manifest.stored).map { name, stored in
            FileImport(url: folder.appendingPathComponent(stored), name: name, format: .auto, mapping: mapping)
        }
    }

    func remove(_ folder: URL) { try? FileManager.default.removeItem(at: folder) }

    /// Drops uploads older than their lifetime (previews never confirmed).
    func sweep() {
        guard let folders = try? FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: [.contentModificationDateKey]) else { return }
        for folder in folders {
            let modified = (try? folder.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? .distantPast
            if Date().timeIntervalSince(modified) > Self.lifetime { remove(folder) }
        }
    }
}
