import Foundation
import GRDB
import KoersCore
import KoersTestSupport
import Testing

@testable import KoersPostgres
@testable import KoersSQLite
@testable import KoersStore

/// `export-db` / `import-db`: a store moves from SQLite to PostgreSQL and back without losing a row or a bit, and a
/// bad dump is refused at its line and column with nothing written.
@Suite struct DumpTests {
    // MARK: The round trip

    /// A store with something in every table, values that test the encoding (shortest doubles, escapes, characters
    /// beyond the Basic Multilingual Plane), two import batches (so revisions), derived values, outlines and a region
    /// of its own.
    static func fill(_ store: any Store) async throws {
        let imports = try await StoreImportTests.Imports(store)
        // One action that serves a target (the bundled plans state none), so that `action_target` has a row.
        var catalogue = StoreTests.bundled
        let p = catalogue.plans.firstIndex { !$0.actions.isEmpty }!
        catalogue.plans[p].actions[0].serves = [ActionTargetLink(plan: "streekvisie-zwv", target: "1.3.1", source: "test \"§ 1\"")]
        try await store.replaceCatalogue(catalogue)
        try await store.saveRegions([Region(code: "XK", name: LocalizedText(nl: "Kosovo \"test\"", en: "Kosovo"), level: .country)])
        let note = "tab\there, \"quoted\", back\\slash, new\nline, é, 😀, \u{1}"
        let first: [(Observation, Int)] = [
            (obs("34022", 2020, 0.1, note: note), 2),
            (obs("34022", 2021, 1.0 / 3.0, flags: [.provisional, .estimated]), 3),
            (obs("34002", 2020, 1e-300), 4),
            (obs("34002", 2021, -0.0), 5),
            (obs("XK", 2020, 123_456_789.123_456_79), 6),
            (Observation(indicator: "actieve-ondernemingen", region: "34022", period: .quarter(year: 2022, quarter: 3),
                         breakdown: Breakdown(["sector": "industrie"]), value: 42, source: "t.csv"), 7),
        ]
        _ = try await imports.run(first, name: "first.csv")
        _ = try await imports.run([(obs("34022", 2020, 0.2), 2), (obs("34002", 2020, 2e300), 3)], name: "second.csv")
        try await store.replaceDerived(indicator: "actieve-ondernemingen", with: [
            Observation(indicator: "actieve-ondernemingen", region: "34000", period: .year(2020), value: 7.5, source: "som",
                        derivation: .aggregated),
        ])
        try await store.saveBoundaries([Boundary(region: "34022", geometry: #"{"type":"Point","coordinates":[3.26,50.82]}"#,
                                                 source: "test.geojson (test)")])
        if let accounts = store as? any AccountStore {
            try await accounts.apply(.add(email: "an@pomwvl.be", role: .actionOwner, organisations: ["pom", "voka"],
                                          passwordHash: AccountStoreTests.hash),
                                     context: AuditContext(actor: .commandLine(osUser: "test"), note: note))
            try await accounts.apply(.createToken(email: "an@pomwvl.be", name: "import \"nacht\"", role: .actionOwner, tokenHash: "ab12"),
                                     context: AuditContext(actor: .commandLine(osUser: "test")))
            if let reports = store as? any ActionUpdateStore {
                try await reports.post(ActionUpdate(action: "relance-starters-solvabiliteit", progress: .atRisk, percentDone: 10, spent: 0.1,
                                                    period: .quarter(year: 2026, quarter: 3), note: "vertraging \"leverancier\"",
                                                    author: "an@pomwvl.be"), waitsForApproval: true,
                                   context: AuditContext(actor: .user(email: "an@pomwvl.be")))
            }
            if let drafts = store as? any DraftStore {
                // One draft waiting with its values, one rejected (its decision row, its values dropped).
                let file = DraftFile(name: "vestigingen \"Q4\".csv", sha256: "cd34", format: "csv", values: 2)
                let draft = Draft(createdAt: "2026-12-01T09:00:00Z", createdBy: "user:an@pomwvl.be", files: [file], new: 1, changed: 1, unchanged: 0)
                let values = [DraftValue(file: 0, observation: obs("34022", 2021, 1234.5, note: "voorlopig"), line: 2, column: 1),
                              DraftValue(file: 0, observation: obs("34002", 2020, -0.0), line: 3, column: 1)]
                let context = AuditContext(actor: .user(email: "an@pomwvl.be"))
                try await drafts.stage(draft, values: values, context: context)
                let rejected = try await drafts.stage(draft, values: values, context: context)
                try await drafts.recordRejection(draft: rejected, note: "verkeerd kwartaal", context: AuditContext(actor: .commandLine(osUser: "test")))
            }
            try await accounts.apply(.enrolSecondFactor(email: "an@pomwvl.be", secret: secondFactorSecret, step: 9,
                                                        recoveryCodeHashes: ["rc-hash-left-behind"]), context: AuditContext(actor: .commandLine(osUser: "test")))
        }
    }

    static let secondFactorSecret = "TOTPSECRETTOTPSECRETTOTPSECRET22"

    /// The tables a store of this kind fills: the memory store keeps no accounts (it serves tests and dry runs).
    static func filledTables(_ kind: StoreKind) -> (String) -> Bool {
        { table in kind != .memory || !["account", "account_organisation", "api_token", "audit", "action_update", "draft", "draft_value", "draft_decision"].contains(table) }
    }

    static func obs(_ region: String, _ year: Int, _ value: Double, flags: Set<ObservationFlag> = [], note: String? = nil) -> Observation {
        Observation(indicator: "actieve-ondernemingen", region: region, period: .year(year), value: value, flags: flags,
                    source: "test.csv (import)", note: note)
    }

    /// The dump's lines after the header (which says when and from what it was written).
    static func body(_ path: String) throws -> [Substring] {
        Array(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropFirst())
    }

    static func dump(_ store: any Store, to path: String) async throws -> DumpWriter {
        let writer = try DumpWriter(path: path, from: "test")
        try await store.export(to: writer)
        try writer.finish()
        return writer
    }

    @Test(.enabled(if: TestPostgres.shouldRun, Comment(rawValue: TestPostgres.skipped)))
    func sqliteToPostgresAndBackKeepsEveryRowAndEveryBit() async throws {
        let folder = try TemporaryFolder()
        let original = try SQLiteStore(path: folder.path("original.sqlite"))
        try await Self.fill(original)
        let fromSQLite = try await Self.dump(original, to: folder.path("1.dump"))
        // Not vacuous: every table has rows.
        for (table, rows) in fromSQLite.counts { #expect(rows > 0, "table \(table) is empty in the test store") }

        try await ScratchDatabase.with(on: try TestPostgres.requireURL()) { url in
            try await PostgresStore.with(url: url) { postgres in
                try await postgres.load(try DumpReader(path: folder.path("1.dump")))
                _ = try await Self.dump(postgres, to: folder.path("2.dump"))
                try await Self.expectSameAnswers(original, postgres)
            }
        }
        let back = try SQLiteStore(path: folder.path("back.sqlite"))
        try await back.load(try DumpReader(path: folder.path("2.dump")))
        _ = try await Self.dump(back, to: folder.path("3.dump"))
        try await Self.expectSameAnswers(original, back)

        // Row for row: every table's rows, in key order, encoded the same, in all three stores.
        let one = try Self.body(folder.path("1.dump")), two = try Self.body(folder.path("2.dump")), three = try Self.body(folder.path("3.dump"))
        #expect(one.count == fromSQLite.counts.reduce(0) { $0 + $1.rows } + fromSQLite.counts.count + 2)
        #expect(one == two)
        #expect(two == three)
    }

    /// What the pages and commands read: the same catalogue, values bit for bit, history and batches.
    static func expectSameAnswers(_ a: any Store, _ b: any Store) async throws {
        #expect(try await a.catalogue() == b.catalogue())
        #expect(try await a.allObservations().map(\.value.bitPattern) == b.allObservations().map(\.value.bitPattern))
        #expect(try await a.batches() == b.batches())
        #expect(try await a.boundaries(regions: nil) == b.boundaries(regions: nil))
        let history = { (store: any Store) in
            try await store.history(indicator: "actieve-ondernemingen", region: "34022", period: .year(2020), breakdown: Breakdown())
        }
        #expect(try await history(a).count == 2)
        #expect(try await history(a) == history(b))
    }

    /// Every store dumps what it holds and loads it back: the same rows, encoded the same, and the same answers as a
    /// SQLite store filled alike.
    @Test(arguments: StoreKind.contract) func aFilledStoreDumpsAndLoadsBackRowForRow(_ kind: StoreKind) async throws {
        let folder = try TemporaryFolder()
        let reference = try SQLiteStore(path: folder.path("reference.sqlite"))
        try await Self.fill(reference)
        try await kind.withStore { t in
            try await Self.fill(t.store)
            let first = try await Self.dump(t.store, to: folder.path("1.dump"))
            for (table, rows) in first.counts where Self.filledTables(kind)(table) { #expect(rows > 0, "table \(table) is empty in the test store") }
            // The same values as SQLite's (by ==: SQLite stores -0.0 as the integer 0 and reads back +0.0; the memory
            // store and PostgreSQL keep the sign), history and batches.
            #expect(try await reference.catalogue() == t.store.catalogue())
            #expect(try await reference.batches() == t.store.batches())
            #expect(try await reference.history(indicator: "actieve-ondernemingen", region: "34022", period: .year(2020), breakdown: Breakdown())
                    == t.store.history(indicator: "actieve-ondernemingen", region: "34022", period: .year(2020), breakdown: Breakdown()))
            try await kind.withStore { again in
                let version = try await again.store.dataVersion()
                try await again.store.load(try DumpReader(path: folder.path("1.dump")))
                #expect(try await again.store.dataVersion() > version)
                _ = try await Self.dump(again.store, to: folder.path("2.dump"))
                try await Self.expectSameAnswers(t.store, again.store)
            }
            #expect(try Self.body(folder.path("1.dump")) == Self.body(folder.path("2.dump")))
            // The second factor's secret and recovery codes stay behind; the account arrives without one.
            let text = try String(contentsOfFile: folder.path("1.dump"), encoding: .utf8)
            #expect(!text.contains(Self.secondFactorSecret) && !text.contains("rc-hash-left-behind"))
            if kind != .memory, let accounts = t.store as? any AccountStore {
                #expect(try await accounts.account(email: "an@pomwvl.be")?.hasSecondFactor == true)
            }
        }
    }

    // MARK: The format matches both schemas

    @Test(arguments: StoreKind.all) func theDumpNamesEveryTableAndColumnOfTheSchema(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let schema: [String: Set<String>]
            switch t.store {
            case let sqlite as SQLiteStore:
                schema = try await sqlite.writer.read { db in
                    var tables: [String: Set<String>] = [:]
                    for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'") {
                        tables[name] = Set(try db.columns(in: name).map(\.name))
                    }
                    return tables
                }
            case let postgres as PostgresStore:
                schema = try await postgres.read { c in
                    var tables: [String: Set<String>] = [:]
                    for row in try await c.rows("SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public'") {
                        tables[row.text("t")!, default: []].insert(row.text("c")!)
                    }
                    return tables
                }
            default: Issue.record("unknown store"); return
            }
            // The data version, the migrations, the sessions, the failed sign-ins and the second factors' secrets
            // are what the dump leaves out on purpose; everything else is in it.
            let wholeTablesLeftOut = Set(DumpFormat.leftOut.filter { $0.value.isEmpty }.keys)
            #expect(Set(schema.keys).subtracting(wholeTablesLeftOut) == Set(DumpFormat.tables.map(\.name)))
            for table in DumpFormat.tables {
                #expect(Set(table.columnNames).union(DumpFormat.leftOut[table.name] ?? []) == schema[table.name], "table \(table.name)")
                #expect(Set(table.columnNames).isDisjoint(with: DumpFormat.leftOut[table.name] ?? []))
                #expect(table.columnNames.count == Set(table.columnNames).count)
            }
            #expect(try await t.appliedMigrations(t.store).last == DumpFormat.schema)
        }
    }

    // MARK: Bad dumps, and where they may not go

    /// A small valid dump, and the lines of it.
    static func smallDump(in folder: TemporaryFolder) async throws -> (path: String, lines: [String]) {
        let source = try SQLiteStore()
        try await Self.fill(source)
        let path = folder.path("valid.dump")
        _ = try await Self.dump(source, to: path)
        return (path, try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n"))
    }

    /// Loads `lines` as a dump into the test's empty store; the error it gives, after checking nothing was written.
    static func refusal(_ lines: [String], into t: TestStore, folder: TemporaryFolder) async throws -> DumpError? {
        let path = folder.path("bad-\(UUID().uuidString).dump")
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let version = try await t.store.dataVersion()
        var refused: DumpError?
        do {
            try await t.store.load(try DumpReader(path: path))
        } catch let error as DumpError {
            refused = error
        }
        #expect(try await t.store.isEmpty(), "nothing written")
        #expect(try await t.store.allObservations().isEmpty)
        #expect(try await t.store.dataVersion() == version)
        return refused
    }

    @Test(arguments: StoreKind.contract) func aBadValueIsReportedAtItsLineAndColumnAndNothingIsWritten(_ kind: StoreKind) async throws {
        let folder = try TemporaryFolder()
        let (path, valid) = try await Self.smallDump(in: folder)
        let index = try #require(valid.firstIndex { $0.hasPrefix("[\"actieve-ondernemingen\",\"34022\",\"2021\"") })
        var lines = valid
        // The value (sixth column) as text.
        lines[index] = lines[index].replacingOccurrences(of: #""2021-01-01","",0.3333333333333333,"#, with: #""2021-01-01","","0.33","#)
        #expect(lines[index] != valid[index])
        try await kind.withStore { t in
            let error = try await Self.refusal(lines, into: t, folder: folder)
            guard case .at(_, let line, let column, let message)? = error else { Issue.record("not refused: \(String(describing: error))"); return }
            #expect(line == index + 1)
            #expect(column == lines[index].distance(from: lines[index].startIndex, to: lines[index].range(of: "\"0.33\"")!.lowerBound) + 1)
            #expect(message == "table observation: value must be a finite number or null")
        }
        _ = path
    }

    @Test(arguments: StoreKind.contract) func anIncompleteDumpIsRefusedWithNothingWritten(_ kind: StoreKind) async throws {
        let folder = try TemporaryFolder()
        let (_, valid) = try await Self.smallDump(in: folder)
        let observations = try #require(valid.firstIndex { $0.contains(#""table":"observation""#) })
        try await kind.withStore { t in
            // Cut in the middle of the observations, as a full disk or an interrupted copy would.
            let error = try await Self.refusal(Array(valid.prefix(observations + 3)), into: t, folder: folder)
            guard case .at(_, let line, _, let message)? = error else { Issue.record("not refused: \(String(describing: error))"); return }
            #expect(line == observations + 4)
            #expect(message.contains("row 3 of the") && message.contains("table observation") && message.contains("incomplete"), "\(message)")
            // Without its end line.
            let noEnd = try await Self.refusal(Array(valid.dropLast(2)), into: t, folder: folder)
            guard case .at(_, _, _, let endMessage)? = noEnd else { Issue.record("not refused"); return }
            #expect(endMessage.contains("the end line"), "\(endMessage)")
        }
    }

    @Test(arguments: StoreKind.contract) func aRowTheSchemaRefusesLeavesTheStoreEmpty(_ kind: StoreKind) async throws {
        let folder = try TemporaryFolder()
        let (_, valid) = try await Self.smallDump(in: folder)
        var lines = valid
        // An observation of a region the dump does not have.
        let index = try #require(lines.firstIndex { $0.hasPrefix("[\"actieve-ondernemingen\",\"34022\",\"2021\"") })
        lines[index] = lines[index].replacingOccurrences(of: "\"34022\"", with: "\"99999\"")
        try await kind.withStore { t in
            let error = try await Self.refusal(lines, into: t, folder: folder)
            guard case .at(_, _, _, let message)? = error else { Issue.record("not refused: \(String(describing: error))"); return }
            #expect(message.hasPrefix("table observation"), "\(message)")
        }
    }

    @Test(arguments: StoreKind.contract) func aStoreWithDataIsNeverMergedInto(_ kind: StoreKind) async throws {
        let folder = try TemporaryFolder()
        let (path, _) = try await Self.smallDump(in: folder)
        try await kind.withStore { t in
            try await t.store.replaceCatalogue(StoreTests.bundled)
            let version = try await t.store.dataVersion()
            await #expect(throws: DumpError.notEmpty(table: "store_info")) { try await t.store.load(try DumpReader(path: path)) }
            #expect(try await t.store.dataVersion() == version)
            #expect(try await t.store.allObservations().count == StoreTests.bundled.observations.count)
        }
    }

    @Test func aDumpOfAnotherSchemaOrFormatIsRefusedBeforeAnyStoreIsTouched() async throws {
        let folder = try TemporaryFolder()
        let (_, valid) = try await Self.smallDump(in: folder)
        for (header, expected) in [
            (valid[0].replacingOccurrences(of: DumpFormat.schema, with: "v8-future"), "the dump's schema is v8-future"),
            (valid[0].replacingOccurrences(of: #""version":1"#, with: #""version":2"#), "dump format version 2"),
            (#"{"rows":3}"#, "not a Koers dump"),
        ] {
            let path = folder.path("header-\(UUID().uuidString).dump")
            try ([header] + valid.dropFirst()).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            #expect {
                _ = try DumpReader(path: path)
            } throws: { error in
                guard case .at(_, 1, 1, let message) = error as? DumpError else { return false }
                return message.hasPrefix(expected)
            }
        }
    }

    @Test func anExistingFileIsNeverOverwrittenAndAFailedDumpLeavesNoFile() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("exists.dump")
        try "keep me".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: DumpError.exists(path)) { try DumpWriter(path: path, from: "test") }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")

        let failed = folder.path("failed.dump")
        let writer = try DumpWriter(path: failed, from: "test")
        try writer.begin(DumpFormat.tables[0], rows: 2)
        try writer.row([.text("only"), .text("one")])
        #expect(throws: DumpError.countChanged(table: "store_info", counted: 2, written: 1)) { try writer.finish() }
        writer.abandon()
        #expect(!FileManager.default.fileExists(atPath: failed))
        #expect(!FileManager.default.fileExists(atPath: failed + ".partial"))
    }

    // MARK: One line

    @Test func textsAndNumbersReadBackExactlyAsWritten() throws {
        let columns = [DumpTable.Column(name: "t", type: .text), DumpTable.Column(name: "r", type: .real),
                       DumpTable.Column(name: "i", type: .integer), DumpTable.Column(name: "b", type: .boolean)]
        let texts = ["", "plain", "\"\\/\n\r\t\u{8}\u{c}\u{1}\u{1f}", "é ü 😀 𝄞", "\u{2028}"]
        let numbers: [Double] = [0, -0.0, 0.1, 1.0 / 3.0, 1e-300, 5e-324, 1.7976931348623157e308, -123_456.789]
        for text in texts {
            for number in numbers {
                var line: [UInt8] = [UInt8(ascii: "[")]
                let values: [SQLValue] = [.text(text), .double(number), .integer(Int64.min), .bool(true)]
                for (index, value) in values.enumerated() {
                    if index > 0 { line.append(UInt8(ascii: ",")) }
                    try DumpJSON.append(value, to: &line, table: "t", column: columns[index].name)
                }
                line.append(UInt8(ascii: "]"))
                let read = try DumpRowParser.parse(line[...], columns: columns)
                #expect(read[0] == .text(text))
                guard case .double(let back?) = read[1] else { Issue.record("not a double"); continue }
                #expect(back.bitPattern == number.bitPattern)
                #expect(read[2] == .integer(Int64.min))
                #expect(read[3] == .bool(true))
                // What any JSON parser reads is the same.
                let parsed = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [Any])
                #expect(parsed[0] as? String == text)
            }
        }
        // JSON escapes the writer never uses still read.
        #expect(try DumpRowParser.parse(Array(#"["\u00e9\ud834\udd1e\/",null,null,false]"#.utf8)[...], columns: columns)
                == [.text("é𝄞/"), .double(nil), .integer(nil), .bool(false)])
    }

    @Test func aLineThatIsNotARowSaysWhereAndWhat() {
        let columns = [DumpTable.Column(name: "name", type: .text), DumpTable.Column(name: "value", type: .real)]
        // (line, 1-based column of the problem, message)
        let cases: [(String, Int, String)] = [
            (#"["é",1,2]"#, 7, "expected ] after 2 values"),
            (#"["é"]"#, 5, "expected , and the value of value (2 values)"),
            (#"["é",nan]"#, 6, "value must be a finite number or null"),
            (#"["é",1e999]"#, 6, "value must be a finite number or null"),
            (#"[1,1]"#, 2, "name must be a string or null"),
            (#"["a\x",1]"#, 4, #"name: unknown escape \x"#),
            (#"["a",1] x"#, 9, "text after the row"),
        ]
        for (line, column, message) in cases {
            let bytes = Array(line.utf8)[...]
            #expect {
                _ = try DumpRowParser.parse(bytes, columns: columns)
            } throws: { error in
                guard let problem = error as? DumpRowParser.Problem else { return false }
                return DumpReader.characterColumn(bytes, byteOffset: problem.offset) == column && problem.message == message
            }
        }
    }
}
