import Foundation
import GRDB
import KoersStore

extension SQLiteStore {
    /// Copies the store, online, into a new SQLite file at `path`: SQLite's backup API reads one consistent snapshot
    /// while imports and readers go on, so the copy holds every write committed before it started and none after.
    /// The copy is written beside `path` and only then takes its name, so a file at `path` is always a whole backup;
    /// an existing file is never overwritten.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw BackupError.exists(path) }
        let partial = path + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            let destination = try DatabaseQueue(path: partial)
            try writer.backup(to: destination)
            try destination.close()
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }
}

public enum BackupError: Error, CustomStringConvertible {
    case exists(String)

    public var description: String {
        switch self {
        case .exists(let path): "\(path) exists already; a backup never overwrites a file"
        }
    }
}
