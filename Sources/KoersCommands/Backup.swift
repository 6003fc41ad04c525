import ArgumentParser
import Foundation
import KoersSQLite
import KoersStore

/// `koers backup FILE`: an online, consistent copy of a SQLite store.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy a SQLite store into a new file while Koers keeps serving and importing.",
        discussion: """
            The copy is one consistent snapshot: every import committed before the backup started, none after. FILE must \
            not exist. A PostgreSQL store is backed up with PostgreSQL's own tools (pg_dump).
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The new SQLite file.") var file: String

    func run() async throws {
        try await store.withStore { opened in
            guard let sqlite = opened as? SQLiteStore else {
                throw ValidationError("koers backup copies SQLite stores; back up a PostgreSQL database with pg_dump.")
            }
            do {
                try sqlite.backup(to: file)
            } catch let error as BackupError {
                throw ValidationError(error.description)
            }
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        print("backed up \(store.displayName) to \(file) (\(size) bytes)")
    }
}
