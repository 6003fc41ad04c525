import Foundation
import KoersBundledData
import KoersCore
import KoersPlanFiles
import KoersTestSupport
import Testing

@testable import KoersStore

/// Each store (a real SQLite file, a real PostgreSQL database, the memory store): round trip of the whole bundled catalogue, atomic
/// replacement, migrations on open, the order of what it answers.
@Suite struct StoreTests {
    static let allMigrations = ["v1-foundation", "v2-import-batches", "v3-derivations", "v4-observation-by-key", "v5-open-sdg-settings", "v6-boundaries", "v7-data-version", "v8-period-settings", "v9-accounts", "v10-sign-in-failures", "v11-second-factor", "v12-action-updates", "v13-action-targets", "v14-report-approval", "v15-drafts", "v16-plan-lists"]

    /// What a store written by the first version of Koers (one plan "p" with one target on "werkzoekenden", ZWV 2017 =
    /// 7719) holds after the later migrations: its data, and nothing the later migrations added.
    static func expectFirstVersionKept(in store: any Store) async throws {
        let target = try #require(try await store.plan(id: "p")?.allTargets.first?.target)
        #expect(target.baseline == Baseline(value: 7719, period: .year(2017)))
        #expect(target.goal == .absolute(value: 6000, period: .year(2030)))
        let observations = try await store.allObservations()
        #expect(observations.map(\.value) == [7719])
        #expect(observations.first?.derivation == nil)
        #expect(try await store.indicator(code: "werkzoekenden")?.formula == nil)
        #expect(try await store.batches().isEmpty)
    }

    static let bundled: Catalogue = try! CatalogueLoader.load(CatalogueLoader.sources(in: BundledData.root))

    @Test(arguments: StoreKind.contract) func aNewStoreIsEmptyAndMigrated(_ kind: StoreKind) async throws {
        try await kind.withStore { t throws in
            #expect(try await t.store.isEmpty())
            if t.isDatabase { #expect(try await t.appliedMigrations(t.store) == Self.allMigrations) }
            #expect(try await t.store.dataVersion() == 0)
        }
    }

    @Test(arguments: StoreKind.contract) func theBundledCatalogueRoundTripsExactly(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let store = t.store
            try await store.replaceCatalogue(Self.bundled)
            #expect(!(try await store.isEmpty()))

            let read = try await store.catalogue()
            #expect(read.geography == Self.bundled.geography)
            #expect(read.organisations == Self.bundled.organisations.sorted { $0.id < $1.id })
            #expect(read.fundingProgrammes == Self.bundled.fundingProgrammes.sorted { $0.id < $1.id })
            #expect(read.indicators == Self.bundled.indicators.sorted { $0.code < $1.code })
            #expect(read.plans == Self.bundled.plans)
            #expect(Set(read.observations) == Set(Self.bundled.observations))
            #expect(read.observations.count == Self.bundled.observations.count)
        }
    }

    @Test(arguments: StoreKind.contract) func aReopenedStoreKeepsItsDataAndIsNotMigratedAgain(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            try await t.store.replaceCatalogue(Self.bundled)
            let version = try await t.store.dataVersion()
            let reopened = try await t.open()
            if t.isDatabase { #expect(try await t.appliedMigrations(reopened) == Self.allMigrations) }
            #expect(try await reopened.plans().count == 5)
            #expect(try await reopened.plan(id: "streekvisie-zwv")?.allTargets.count == Self.bundled.plans.first { $0.id == "streekvisie-zwv" }?.allTargets.count)
            #expect(try await reopened.dataVersion() == version)
        }
    }

    @Test(arguments: StoreKind.contract) func aFailingReplacementLeavesTheStoreUnchanged(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let store = t.store
            try await store.replaceCatalogue(Self.bundled)
            let before = try await store.catalogue()
            let version = try await store.dataVersion()

            // An observation for a region the catalogue does not contain violates a foreign key half-way through.
            var broken = Self.bundled
            broken.plans.removeLast()
            broken.observations.append(Observation(indicator: broken.indicators[0].code, region: "99999", period: .year(2020),
                                                   value: 1, source: "test"))
            await #expect(throws: (any Error).self) { try await store.replaceCatalogue(broken) }
            #expect(try await store.catalogue() == before)
            #expect(try await store.dataVersion() == version)
        }
    }

    @Test(arguments: StoreKind.contract) func observationsAreFilteredByRegionAndOrderedByPeriod(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let store = t.store
            try await store.replaceCatalogue(Self.bundled)
            let all = try await store.observations(indicator: "werkzaamheidsgraad-20-64", regions: nil)
            #expect(Set(all.map(\.region)) == ["ZWV", "02000", "01000"])
            let zwv = try await store.observations(indicator: "werkzaamheidsgraad-20-64", regions: ["ZWV"])
            #expect(zwv.map(\.value) == [75.4])
            #expect(zwv.first?.source.contains("Streekvisie") == true)
            #expect(try await store.observations(indicator: "werkzaamheidsgraad-20-64", regions: []).isEmpty)
        }
    }

    @Test(arguments: StoreKind.contract) func aPlanKeepsItsOrderTreeAndBudgets(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let store = t.store
            try await store.replaceCatalogue(Self.bundled)
            #expect(try await store.plans().map(\.id) == Self.bundled.plans.map(\.id))
            let relance = try #require(try await store.plan(id: "relanceplan-wvl"))
            #expect(BudgetSummary(actions: relance.actions).total == 4_500_000)
            #expect(relance.actions.map(\.id) == Self.bundled.plans.first { $0.id == "relanceplan-wvl" }!.actions.map(\.id))
            #expect(try await store.plan(id: "bestaat-niet") == nil)
        }
    }

    @Test(arguments: StoreKind.contract) func codesAreOrderedByTheirBytesWhateverTheServersLocale(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let codes = ["zeta", "Zeta", "a-b", "a_b", "ab", "aB", "a b", "a10", "a9", "é"]
            try await t.store.saveIndicators(codes.map { Indicator(code: $0, name: LocalizedText(nl: $0), unit: .number) })
            #expect(try await t.store.indicators().map(\.code) == codes.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) })
        }
    }

    @Test(arguments: StoreKind.contract) func outlinesAreReplacedAndReadByRegion(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let store = t.store
            try await store.replaceCatalogue(Self.bundled)
            try await store.saveBoundaries([Boundary(region: "34022", geometry: "{\"type\":\"Point\"}", source: "a"),
                                            Boundary(region: "34002", geometry: "{}", source: "a")])
            try await store.saveBoundaries([Boundary(region: "34022", geometry: "{\"type\":\"Polygon\"}", source: "b")])
            #expect(try await store.boundaries(regions: nil).map(\.region) == ["34002", "34022"])
            #expect(try await store.boundaries(regions: ["34022"]) == [Boundary(region: "34022", geometry: "{\"type\":\"Polygon\"}", source: "b")])
            #expect(try await store.boundaries(regions: []).isEmpty)
        }
    }

    @Test(arguments: StoreKind.contract) func aValueNamingAnUnknownRegionOrIndicatorIsRefused(_ kind: StoreKind) async throws {
        try await kind.withStore { t in
            let store = t.store
            try await store.replaceCatalogue(Self.bundled)
            let before = try await store.allObservations()
            for (indicator, region) in [("werkzaamheidsgraad-20-64", "99999"), ("bestaat-niet", "ZWV")] {
                let derived = Observation(indicator: indicator, region: region, period: .year(2020), value: 1, source: "test",
                                          derivation: .aggregated)
                await #expect(throws: (any Error).self, "\(indicator) \(region)") {
                    try await store.replaceDerived(indicator: indicator, with: [derived])
                }
            }
            #expect(try await store.allObservations() == before)
        }
    }
}
