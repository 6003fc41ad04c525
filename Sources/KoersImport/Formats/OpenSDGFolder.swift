import Foundation
import KoersCore

/// Which files of an Open SDG repository are what, in either of Open SDG's layouts:
///
/// - `meta/<id>.md` with YAML front matter (Open SDG 1.x, Statistics Canada's CIF repository);
/// - `meta/<id>.yml` for the metadata and `indicator-config/<id>.yml` for the settings, `progress_calculation_options`
///   among them (Open SDG 2.x's default, its data starter, Statistics Canada's national repository);
/// - `data/indicator_<id>.csv` in both.
///
/// Everything else in those folders (the repository's `meta/README.md`, a `fr/` folder of translations, an editor's
/// backup file) is not an indicator: it is listed in `skipped`, with the reason, and not read.
public struct OpenSDGFolder: Sendable {
    public struct MetadataFiles: Sendable, Hashable {
        public var id: String
        /// The files that describe the indicator, the one that decides first: `indicator-config/<id>.yml`, then
        /// `meta/<id>.yml`, then `meta/<id>.md`; paths relative to the repository.
        public var files: [String]
    }

    public struct Skipped: Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): skipped, \(reason)" }
    }

    public let directory: URL
    public let hasMetadataFolder: Bool
    public let hasDataFolder: Bool
    public let metadata: [MetadataFiles]
    /// `(id, data/indicator_<id>.csv)`, sorted by id.
    public let data: [(id: String, file: String)]
    public let skipped: [Skipped]

    /// Lists the folder; `requireMetadata()` and `requireData()` say when what is needed is not there.
    public init(directory: URL) {
        func list(_ folder: String) -> [(name: String, isFolder: Bool)]? {
            let url = directory.appendingPathComponent(folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return nil }
            return names.sorted().map { name in
                var isFolder: ObjCBool = false
                FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isFolder)
                return (name, isFolder.boolValue)
            }
        }
        let meta = list("meta"), config = list("indicator-config"), data = list("data")
        self.directory = directory
        hasMetadataFolder = meta != nil || config != nil
        hasDataFolder = data != nil
        var skipped: [Skipped] = []
        var files: [String: [(rank: Int, path: String)]] = [:]
        func classify(_ entries: [(name: String, isFolder: Bool)]?, folder: String,
                      kinds: [(suffix: String, rank: Int)], what: String) {
            for entry in entries ?? [] where !entry.name.hasPrefix(".") {
                let path = "\(folder)/\(entry.name)"
                if entry.isFolder {
                    skipped.append(Skipped(path: path + "/", reason: "a folder (translations and other subfolders are not read)"))
                    continue
                }
                guard let kind = kinds.first(where: { entry.name.hasSuffix($0.suffix) }) else {
                    skipped.append(Skipped(path: path, reason: "not \(what)"))
                    continue
                }
                let id = String(entry.name.dropLast(kind.suffix.count))
                guard Self.isIndicatorID(id) else {
                    skipped.append(Skipped(path: path, reason: "not an indicator (its name is no indicator id such as 1-2-1)"))
                    continue
                }
                files[id, default: []].append((kind.rank, path))
            }
        }
        classify(config, folder: "indicator-config", kinds: [(".yml", 0), (".yaml", 0)], what: "an indicator's settings (<id>.yml)")
        classify(meta, folder: "meta", kinds: [(".yml", 1), (".yaml", 1), (".md", 2)], what: "an indicator's metadata (<id>.yml or <id>.md)")
        metadata = files.map { MetadataFiles(id: $0.key, files: $0.value.sorted { $0.rank < $1.rank }.map(\.path)) }
            .sorted { Self.idOrder($0.id, $1.id) }

        var dataFiles: [(id: String, file: String)] = []
        for entry in data ?? [] where !entry.name.hasPrefix(".") {
            let path = "data/\(entry.name)"
            let id = entry.name.hasPrefix("indicator_") && entry.name.hasSuffix(".csv")
                ? String(entry.name.dropFirst("indicator_".count).dropLast(".csv".count)) : ""
            if entry.isFolder {
                skipped.append(Skipped(path: path + "/", reason: "a folder (translations and other subfolders are not read)"))
            } else if Self.isIndicatorID(id) {
                dataFiles.append((id, path))
            } else {
                skipped.append(Skipped(path: path, reason: "not an indicator's data file (indicator_<id>.csv)"))
            }
        }
        self.data = dataFiles.sorted { Self.idOrder($0.id, $1.id) }
        self.skipped = skipped
    }

    /// Throws unless the repository has a `meta/` or `indicator-config/` folder.
    public func requireMetadata() throws {
        guard hasMetadataFolder else {
            throw DataFileError([Diagnostic(file: "meta", line: 1, column: 1,
                                            message: "cannot list the folder 'meta' (nor 'indicator-config') of \(directory.path): an Open SDG repository keeps its metadata there")])
        }
    }

    /// Throws unless the repository has a `data/` folder.
    public func requireData() throws {
        guard hasDataFolder else {
            throw DataFileError([Diagnostic(file: "data", line: 1, column: 1,
                                            message: "cannot list the folder 'data' of \(directory.path): an Open SDG repository keeps its data files there")])
        }
    }

    /// `1-2-1`, `9-b-1`, `17-19-2`: a number, then parts of letters and digits, joined by hyphens.
    public static func isIndicatorID(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, let first = parts.first, !first.isEmpty, first.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// Ids with numbers compared as numbers: `2-2-1` before `10-1-1`.
    static func idOrder(_ a: String, _ b: String) -> Bool { a.compare(b, options: .numeric) == .orderedAscending }
}
