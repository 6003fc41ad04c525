import ArgumentParser
import Foundation
import KoersPostgres
import KoersStore

/// `koers export-db FILE`: the whole store as a portable dump.
struct ExportDB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-db",
        abstract: "Write the whole store into a portable dump file, to load with import-db (docs/dump.md).",
        discussion: """
            Everything moves: geography, organisations, plans, indicators, observations with their revisions and import \
            batches, derived values, outlines. The dump is one consistent state of the store, taken while Koers keeps \
            serving and importing; it is the same for SQLite and PostgreSQL. FILE must not exist. The store is only \
            read: unlike other commands, export-db never creates one or loads the seed plans into it.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The new dump file (UTF-8 JSON lines).") var file: String

    func run() async throws {
        if !PostgresLocation.isPostgres(store.location), !FileManager.default.fileExists(atPath: store.location) {
            throw ValidationError("no store at \(store.location)")
        }
        let dump = try await store.withStore(asItIs: true) { opened in
            let dump: DumpWriter
            do {
                dump = try DumpWriter(path: file, from: opened is PostgresStore ? "postgresql" : "sqlite")
            } catch let error as DumpError {
                throw ValidationError(error.description)
            }
            do {
                try await opened.export(to: dump)
                try dump.finish()
            } catch {
                dump.abandon()
                throw error
            }
            return dump
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        print("exported \(store.displayName) to \(file) (\(size) bytes): \(DumpSummary(dump.counts))")
    }
}

/// `koers import-db FILE`: a dump loaded into a new store.
struct ImportDB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-db",
        abstract: "Load a dump written by export-db into a new, empty store (docs/dump.md).",
        discussion: """
            The store must hold nothing yet: import-db never merges. The dump is checked line by line while it loads, in \
            one transaction: on any problem (reported with line and column) nothing is written.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "A dump written by koers export-db.") var file: String

    func run() async throws {
        do {
            // The header first: a file that is no dump of this schema never creates or touches a store.
            let dump = try DumpReader(path: file)
            try await store.withStore(asItIs: true) { try await $0.load(dump) }
            print("loaded \(file) (written \(dump.exportedAt) from \(dump.from)) into \(store.displayName): \(DumpSummary(dump.counts))")
        } catch let error as DumpError {
            var errors = FileHandle.standardError
            print(error.description, to: &errors)
            print("import-db refused: nothing was written", to: &errors)
            throw ExitCode(1)
        }
    }
}

/// "17 tables, 12,345 rows (observation 10,000, observation_revision 20, import_batch 3)".
struct DumpSummary: CustomStringConvertible {
    let counts: [(table: String, rows: Int)]

    init(_ counts: [(table: String, rows: Int)]) { self.counts = counts }

    var description: String {
        let rows = Dictionary(counts.map { ($0.table, $0.rows) }, uniquingKeysWith: +)
        let total = counts.reduce(0) { $0 + $1.rows }
        let detail = ["observation", "observation_revision", "import_batch"].map { "\($0) \(rows[$0, default: 0])" }
        return "\(counts.count) tables, \(total) rows (\(detail.joined(separator: ", ")))"
    }
}
