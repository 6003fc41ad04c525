import Foundation

/// The `../shared` folder beside the checkout: seed documents and reference data that tests read but the project
/// never copies. Tests that need it skip only when it is absent and `CI` is unset; under CI they run and fail.
public enum SharedFolder {
    /// The repository root, found from this file's place in `Tests/KoersTestSupport/`.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let root: URL = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")

    public static var exists: Bool { FileManager.default.fileExists(atPath: root.path) }

    /// Whether tests that read `../shared` should run: always under CI, otherwise when the folder is there.
    public static var shouldRun: Bool { exists || ProcessInfo.processInfo.environment["CI"] != nil }

    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    public static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    /// Rows of a comma-separated reference file with a header and no quoted commas, as dictionaries.
    public static func csvRows(_ relative: String) throws -> [[String: String]] {
        let lines = try text(relative).split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, cells + Array(repeating: "", count: max(0, header.count - cells.count))))
        }
    }
}

/// A fresh temporary folder per test, removed when the value goes away.
public final class TemporaryFolder: @unchecked Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("koers-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` (creating folders) and returns its URL.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}
