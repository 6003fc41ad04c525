import Foundation
import KoersCore
import KoersTestSupport
import Testing

@testable import KoersStore

/// Imports into each store (a real SQLite file, a real PostgreSQL database): one transaction, revisions kept,
/// duplicates collapsed, conflicts refused, with the same outcomes and reports on both.
@Suite struct StoreImportTests {
    /// A store holding the bundled catalogue, and the way these tests send it a file.
    struct Imports {
        let store: any Store

        init(_ store: any Store) async throws {
            self.store = store
            try await store.replaceCatalogue(StoreTests.bundled)
        }

        /// Sends `rows` (observation, line) as one file.
        func run(_ rows: [(Observation, Int)], dryRun: Bool = false, name: String = "test.csv") async throws -> ImportOutcome {
            try await store.importObservations([StoreImportTests.batch(name)], dryRun: dryRun) { _, sink in
                for (o, line) in rows { try sink(o, Location(file: name, line: line, column: 1)) }
            }[0]
        }
    }

    static func batch(_ name: String, sha: String = "0") -> ImportBatch {
        ImportBatch(fileName: name, sha256: sha, format: "csv", importedAt: "2026-11-22T12:00:00Z")
    }

    static func obs(_ region: String, _ year: Int, _ value: Double, flags: Set<ObservationFlag> = []) -> Observation {
        Observation(indicator: "actieve-ondernemingen", region: region, period: .year(year), value: value, flags: flags,
                    source: "test.csv (import)")
    }

    @Test(arguments: StoreKind.contract) func newValuesThenTheSameAgainChangeNothing(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let store = imports.store
            let rows = [(Self.obs("34022", 2020, 100), 2), (Self.obs("34022", 2021, 110), 3)]
            let first = try await imports.run(rows)
            #expect((first.new, first.changed, first.unchanged) == (2, 0, 0))
            #expect(first.batchID == 1)
            let again = try await imports.run(rows)
            #expect((again.new, again.changed, again.unchanged) == (0, 0, 2))
            #expect(again.batchID == nil)
            #expect(try await store.batches().count == 1)
        }
    }

    @Test(arguments: StoreKind.contract) func everyCommittedWriteIncreasesTheDataVersionAndNothingElseDoes(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let store = imports.store
            var seen = [try await store.dataVersion()]
            func expectStep(_ increased: Bool, _ what: Comment) async throws {
                let now = try await store.dataVersion()
                #expect(increased ? now > seen.last! : now == seen.last!, what)
                seen.append(now)
            }
            _ = try await imports.run([(Self.obs("34022", 2020, 100), 2)])
            try await expectStep(true, "an import")
            _ = try await imports.run([(Self.obs("34022", 2020, 101), 2)], dryRun: true)
            try await expectStep(false, "a dry run")
            await #expect(throws: ImportConflicts.self) {
                try await imports.run([(Self.obs("34022", 2020, 1), 2), (Self.obs("34022", 2020, 2), 3)])
            }
            try await expectStep(false, "a refused import")
            _ = try await store.indicators()
            try await expectStep(false, "a read")
            try await store.saveIndicators([try #require(try await store.indicator(code: "actieve-ondernemingen"))])
            try await expectStep(true, "saving indicators")
            try await store.saveRegions([try #require(try await store.geography()["34022"])])
            try await expectStep(true, "saving regions")
            try await store.replaceDerived(indicator: "actieve-ondernemingen", with: [])
            try await expectStep(true, "replacing derived values")
            try await store.saveBoundaries([])
            try await expectStep(true, "saving outlines")
            try await store.replaceCatalogue(StoreTests.bundled)
            try await expectStep(true, "replacing the catalogue")
        }
    }

    @Test(arguments: StoreKind.contract) func theLatestBatchIsTheNewestImportThatBroughtACurrentValue(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let store = imports.store
            #expect(try await store.latestBatch(indicator: "actieve-ondernemingen") == nil, "only the seed document's values")
            _ = try await imports.run([(Self.obs("34022", 2020, 100), 2)], name: "v1.csv")
            _ = try await imports.run([(Self.obs("34022", 2021, 100), 2)], name: "v2.csv")
            #expect(try await store.latestBatch(indicator: "actieve-ondernemingen")?.fileName == "v2.csv")
            _ = try await imports.run([(Self.obs("34022", 2021, 100), 2)], name: "unchanged.csv")
            #expect(try await store.latestBatch(indicator: "actieve-ondernemingen")?.fileName == "v2.csv", "an import that changed nothing")
            #expect(try await store.latestBatch(indicator: "werkzaamheidsgraad-20-64") == nil)
        }
    }

    @Test(arguments: StoreKind.contract) func aChangedValueIsARevisionAndTheOldOneIsKept(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let store = imports.store
            _ = try await imports.run([(Self.obs("34022", 2020, 100), 2)], name: "v1.csv")
            let second = try await imports.run([(Self.obs("34022", 2020, 105, flags: [.provisional]), 2)], name: "v2.csv")
            #expect((second.new, second.changed, second.unchanged) == (0, 1, 0))
            let history = try await store.history(indicator: "actieve-ondernemingen", region: "34022", period: .year(2020), breakdown: Breakdown())
            #expect(history.map(\.observation.value) == [100, 105])
            #expect(history.map { $0.batch?.fileName } == ["v1.csv", "v2.csv"])
            #expect(history.map(\.supersededBy) == [2, nil])
            #expect(history.last?.observation.flags == [.provisional])
        }
    }

    @Test(arguments: StoreKind.contract) func aBundledValueKeepsItsCitationInTheHistory(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let store = imports.store
            // ZWV 2016 = 28309 comes from the Streekvisie; an import replaces it and keeps the document's value.
            _ = try await imports.run([(Self.obs("ZWV", 2016, 28400), 2)])
            let history = try await store.history(indicator: "actieve-ondernemingen", region: "ZWV", period: .year(2016), breakdown: Breakdown())
            #expect(history.map(\.observation.value) == [28309, 28400])
            #expect(history.first?.batch == nil)
            #expect(history.first?.observation.source.contains("Streekvisie") == true)
        }
    }

    /// A kept batch writes its audit row, with its id, in the import's transaction; a batch that changed nothing, a
    /// dry run and a refused import write none.
    @Test(arguments: StoreKind.all) func anImportThatChangesSomethingIsAuditedWithItsBatch(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let accounts = try #require(imports.store as? any AccountStore)
            let rows = [(Self.obs("34022", 2020, 100), 2), (Self.obs("34022", 2021, 110), 3)]
            _ = try await imports.run(rows)
            _ = try await imports.run(rows)
            _ = try await imports.run([(Self.obs("34022", 2022, 1), 2)], dryRun: true)
            await #expect(throws: ImportConflicts.self) {
                _ = try await imports.run([(Self.obs("34022", 2023, 1), 2), (Self.obs("34022", 2023, 2), 3)])
            }
            let audit = try await accounts.auditEntries(AuditFilter())
            #expect(audit.map(\.kind) == ["data.import", "catalogue.replace"])
            let row = try #require(audit.first)
            #expect(row.batchID == 1 && row.object == "batch:1" && row.actor.hasPrefix("cli:"))
            #expect(row.after?.contains("\"new\":2") == true && row.after?.contains("\"changed\":0") == true)
        }
    }

    /// The shell's other writes: a catalogue load, saved indicators, region outlines; each with its row, in its
    /// transaction.
    @Test(arguments: StoreKind.all) func catalogueIndicatorAndBoundaryWritesAreAudited(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let store = t.store
            let accounts = try #require(store as? any AccountStore)
            try await store.replaceCatalogue(StoreTests.bundled)
            let indicator = try #require(StoreTests.bundled.indicators.first)
            try await store.saveIndicators([indicator])
            try await store.saveBoundaries([Boundary(region: "34022", geometry: #"{"type":"Point","coordinates":[3.26,50.82]}"#,
                                                     source: "test.geojson (test)")])
            let audit = try await accounts.auditEntries(AuditFilter())
            #expect(audit.map(\.kind) == ["boundary.save", "indicator.save", "catalogue.replace"])
            #expect(audit.allSatisfy { $0.actor.hasPrefix("cli:") })
            #expect(audit[0].after == #"{"regions":1,"sources":["test.geojson (test)"]}"#)
            #expect(audit[1].after == "{\"codes\":[\"\(indicator.code)\"]}")
            let plans = StoreTests.bundled.plans.map(\.id)
            #expect(audit[2].after?.contains("\"plans\":[\(plans.map { "\"\($0)\"" }.joined(separator: ","))]") == true)
            #expect(audit[2].after?.contains("\"indicators\":\(StoreTests.bundled.indicators.count)") == true)
            // A boundary of a region the store lacks is refused, and so is its audit row.
            await #expect(throws: (any Error).self) {
                try await store.saveBoundaries([Boundary(region: "nergens", geometry: "{}", source: "x")])
            }
            #expect(try await accounts.auditEntries(AuditFilter()).count == 3)
        }
    }

    @Test(arguments: StoreKind.contract) func aDryRunReportsAndWritesNothing(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let store = imports.store
            let before = try await store.allObservations()
            let outcome = try await imports.run([(Self.obs("34022", 2020, 100), 2)], dryRun: true)
            #expect(outcome.new == 1)
            #expect(outcome.batchID == nil)
            #expect(try await store.allObservations() == before)
            #expect(try await store.batches().isEmpty)
        }
    }

    @Test(arguments: StoreKind.contract) func exactDuplicatesAreCollapsedAndReported(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let outcome = try await imports.run([(Self.obs("34022", 2020, 100), 2), (Self.obs("34022", 2020, 100), 7)])
            #expect(outcome.new == 1)
            #expect(outcome.duplicateCount == 1)
            #expect(outcome.duplicates.map(\.description) == ["test.csv:7: duplicate of line 2 (actieve-ondernemingen 34022 2020, same value): counted once"])
        }
    }

    @Test(arguments: StoreKind.contract) func conflictingDuplicatesRefuseTheWholeImport(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let store = imports.store
            let before = try await store.allObservations()
            await #expect(throws: ImportConflicts.self) {
                _ = try await imports.run([(Self.obs("34022", 2021, 1), 2), (Self.obs("34022", 2020, 100), 3), (Self.obs("34022", 2020, 101), 9)])
            }
            do {
                _ = try await imports.run([(Self.obs("34022", 2020, 100), 3), (Self.obs("34022", 2020, 101), 9)])
            } catch let conflicts as ImportConflicts {
                #expect(conflicts.total == 1)
                #expect(conflicts.diagnostics.map(\.description) == ["test.csv:3: conflicting duplicate: actieve-ondernemingen 34022 2020 is 100 here but line 9 says 101"])
            }
            #expect(try await store.allObservations() == before)
        }
    }

    @Test(arguments: StoreKind.contract) func severalFilesAreOneTransaction(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let store = imports.store
            let before = try await store.allObservations()
            await #expect(throws: (any Error).self) {
                _ = try await store.importObservations([Self.batch("a.csv"), Self.batch("b.csv")], dryRun: false) { index, sink in
                    if index == 0 { try sink(Self.obs("34022", 2020, 1), Location(file: "a.csv", line: 2, column: 1)) }
                    else { throw DataFileError([Diagnostic(file: "b.csv", line: 4, column: 2, message: "broken")]) }
                }
            }
            #expect(try await store.allObservations() == before)
            #expect(try await store.batches().isEmpty)
        }
    }

    // Files longer than one 64-row statement: the paths where a statement meets a stored or repeated key.

    /// 200 years of one municipality, one row per line from line 2.
    static func years(_ value: (Int) -> Double = { Double($0) }) -> [(Observation, Int)] {
        (1801...2000).enumerated().map { i, year in (obs("34022", year, value(year)), i + 2) }
    }

    @Test(arguments: StoreKind.contract) func aLongFileIsCountedRowForRowAndImportedAgainUnchanged(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let store = imports.store
            let first = try await imports.run(Self.years())
            #expect((first.new, first.changed, first.unchanged, first.duplicateCount) == (200, 0, 0, 0))
            let stored = try await store.observations(indicator: "actieve-ondernemingen", regions: ["34022"])
            #expect(stored.count == 200)
            #expect(stored.first { $0.period == .year(1900) }?.value == 1900)
            let again = try await imports.run(Self.years())
            #expect((again.new, again.changed, again.unchanged) == (0, 0, 200))
        }
    }

    @Test(arguments: StoreKind.contract) func oneChangeInALongFileIsOneRevision(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let store = imports.store
            _ = try await imports.run(Self.years(), name: "v1.csv")
            let second = try await imports.run(Self.years { $0 == 1950 ? 7 : Double($0) } + [(Self.obs("34022", 2001, 1), 202)], name: "v2.csv")
            #expect((second.new, second.changed, second.unchanged) == (1, 1, 199))
            let history = try await store.history(indicator: "actieve-ondernemingen", region: "34022", period: .year(1950), breakdown: Breakdown())
            #expect(history.map(\.observation.value) == [1950, 7])
        }
    }

    @Test(arguments: StoreKind.contract) func aDuplicateAfterManyNewRowsIsReportedWithTheLineItRepeats(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            var rows = Self.years()
            rows.insert((Self.obs("34022", 1810, 1810), 150), at: 148)
            let outcome = try await imports.run(rows)
            #expect((outcome.new, outcome.duplicateCount) == (200, 1))
            #expect(outcome.duplicates.map(\.description) == ["test.csv:150: duplicate of line 11 (actieve-ondernemingen 34022 1810, same value): counted once"])
        }
    }

    @Test(arguments: StoreKind.contract) func aConflictAfterManyNewRowsRefusesEverything(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let store = imports.store
            let before = try await store.allObservations()
            var rows = Self.years()
            rows.append((Self.obs("34022", 1900, 5), 300))
            do {
                _ = try await imports.run(rows)
                Issue.record("the import should have been refused")
            } catch let conflicts as ImportConflicts {
                #expect(conflicts.diagnostics.map(\.description) == ["test.csv:101: conflicting duplicate: actieve-ondernemingen 34022 1900 is 1900 here but line 300 says 5"])
            }
            #expect(try await store.allObservations() == before)
        }
    }

    @Test(arguments: StoreKind.contract) func aKeyRepeatedWithItsStoredValueIsADuplicateAndWithAnotherAConflict(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let store = imports.store
            _ = try await imports.run(Self.years())
            let repeated = try await imports.run(Self.years() + [(Self.obs("34022", 1990, 1990), 210)])
            #expect((repeated.unchanged, repeated.duplicateCount) == (200, 1))
            await #expect(throws: ImportConflicts.self) {
                _ = try await imports.run(Self.years() + [(Self.obs("34022", 1990, 3), 210)])
            }
            let history = try await store.history(indicator: "actieve-ondernemingen", region: "34022", period: .year(1990), breakdown: Breakdown())
            #expect(history.map(\.observation.value) == [1990])
        }
    }

    @Test(arguments: StoreKind.contract) func aProblemAfterManyRowsWritesNothing(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let store = imports.store
            let before = try await store.allObservations()
            await #expect(throws: DataFileError.self) {
                _ = try await store.importObservations([Self.batch("a.csv")], dryRun: false) { _, sink in
                    for (o, line) in Self.years() { try sink(o, Location(file: "a.csv", line: line, column: 1)) }
                    throw DataFileError([Diagnostic(file: "a.csv", line: 202, column: 1, message: "truncated")])
                }
            }
            #expect(try await store.allObservations() == before)
            #expect(try await store.batches().isEmpty)
        }
    }

    @Test(arguments: StoreKind.contract) func anUnknownRegionIsRefusedAtTheEnd(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let store = imports.store
            let before = try await store.allObservations()
            let error = await #expect(throws: UnknownReference.self) {
                _ = try await imports.run(Self.years() + [(Self.obs("99999", 2020, 1), 202)])
            }
            #expect(error?.description == "the region '99999' is not in the store (was it removed during the import?)")
            #expect(try await store.allObservations() == before)
        }
    }

    @Test(arguments: StoreKind.contract) func anOpenSDGIndicatorKeepsItsProgressSettingsAndItsRegion(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let store = imports.store
            let settings = OpenSDGProgressSettings(automatic: true, manualStatus: nil, options: [
                OpenSDGProgressOption(baseYear: 2015, target: 10, targetYear: 2025, direction: .down, limit: 100,
                                      disaggregation: [OpenSDGField(field: "Geography", value: "Canada"), OpenSDGField(field: "Sex", value: nil)]),
            ])
            let indicator = Indicator(code: "3-2-1", name: LocalizedText(nl: "Vaping"), unit: .number, openSDG: settings)
            let region = Region(code: "open-sdg-canada", name: LocalizedText(nl: "open-sdg-canada"), level: .country)
            let outcome = try await store.importObservations([Self.batch("meta")], adding: CatalogueAdditions(indicators: [indicator], regions: [region]),
                                                             dryRun: false) { _, sink in
                try sink(Observation(indicator: "3-2-1", region: "open-sdg-canada", period: .year(2019), value: 13.2, source: "x"),
                         Location(file: "data/indicator_3-2-1.csv", line: 2, column: 13))
            }[0]
            #expect(outcome.new == 1)
            #expect(try await store.indicator(code: "3-2-1") == indicator)
            #expect(try await store.geography()["open-sdg-canada"] == region)
        }
    }

    // What the PostgreSQL store does its own way (COPY's text format, numbering batches without a sequence) must
    // come out as SQLite's.

    @Test(arguments: StoreKind.contract) func numbersAndTextsArriveExactly(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            let values = [0.1 + 0.2, 1.0 / 3, .leastNonzeroMagnitude, 1.7976931348623157e308, -2.5e-8, 123456789.123456789, 7719, -0.0]
            let texts = ["tab\there", "line\nbreak", "back\\slash \\N", "carriage\rreturn", "Zuid-West-Vlaanderen é ✓"]
            let rows = values.enumerated().map { i, value in
                (Observation(indicator: "actieve-ondernemingen", region: "34022", period: .year(1900 + i), value: value,
                             source: texts[i % texts.count], note: i == 0 ? nil : texts[(i + 1) % texts.count]), i + 2)
            }
            _ = try await imports.run(rows)
            let stored = try await t.store.observations(indicator: "actieve-ondernemingen", regions: ["34022"])
            #expect(stored.map(\.value) == values)
            #expect(stored.map(\.source) == rows.map(\.0.source))
            #expect(stored.map(\.note) == rows.map(\.0.note))
        }
    }

    @Test(arguments: StoreKind.contract) func aDryRunLeavesNoGapInTheBatchNumbers(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let imports = try await Imports(t.store)
            _ = try await imports.run([(Self.obs("34022", 2020, 100), 2)], dryRun: true)
            #expect(try await imports.run([(Self.obs("34022", 2020, 100), 2)]).batchID == 1)
            _ = try await imports.run([(Self.obs("34022", 2020, 100), 2)])
            #expect(try await imports.run([(Self.obs("34022", 2020, 101), 2)]).batchID == 2)
        }
    }

    @Test(arguments: StoreKind.contract) func aLaterFileOfOneImportSeesTheEarlierOnesValues(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            _ = try await Imports(t.store)
            let files: [[(Observation, Int)]] = [
                [(Self.obs("34022", 2020, 100), 2), (Self.obs("34022", 2021, 110), 3)],
                [(Self.obs("34022", 2020, 100), 2)],
                [(Self.obs("34022", 2021, 111), 2), (Self.obs("34022", 2021, 111), 3)],
            ]
            let outcomes = try await t.store.importObservations((0..<3).map { Self.batch("f\($0).csv") }, dryRun: false) { index, sink in
                for (o, line) in files[index] { try sink(o, Location(file: "f\(index).csv", line: line, column: 1)) }
            }
            #expect(outcomes.map { [$0.new, $0.changed, $0.unchanged, $0.duplicateCount] } == [[2, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 1]])
            #expect(outcomes.map(\.batchID) == [1, nil, 2])
            #expect(outcomes[2].duplicates.map(\.description) == ["f2.csv:3: duplicate of line 2 (actieve-ondernemingen 34022 2021, same value): counted once"])
            let history = try await t.store.history(indicator: "actieve-ondernemingen", region: "34022", period: .year(2021), breakdown: Breakdown())
            #expect(history.map(\.observation.value) == [110, 111])
            #expect(history.map(\.supersededBy) == [2, nil])
        }
    }
}
