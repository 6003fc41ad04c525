import Foundation
import KoersBundledData
import KoersCore
import KoersTestSupport
import Testing

@testable import KoersPlanFiles

/// The geography Koers ships, checked against Statbel's and Eurostat's tables in ../shared/reference/geography.
@Suite(.enabled(if: SharedFolder.shouldRun, "needs ../shared"))
struct BundledGeographyTests {
    let geography: Geography

    init() throws {
        geography = try CatalogueLoader.load(CatalogueLoader.sources(in: BundledData.geography)).geography
    }

    func regions(_ level: RegionLevel) -> [Region] { geography.regions.values.filter { $0.level == level } }

    @Test func countryRegionsProvincesAndArrondissementsMatchStatbel() throws {
        let reference = try SharedFolder.csvRows("reference/geography/belgium_arrondissements_provinces_regions_derived.csv")
        #expect(reference.count == 57)
        for row in reference {
            let region = try #require(geography[row["nis"]!], "missing \(row["nis"]!)")
            #expect(region.level.rawValue == row["level"])
            #expect(region.parent == (row["parent_nis"]!.isEmpty ? nil : row["parent_nis"]))
            #expect(region.name.fr?.lowercased() == row["name_fr"]!.lowercased())
            // NUTS 2024 where the arrondissement maps to one code (Verviers spans BE335 and BE336).
            #expect(region.nuts == (row["nuts_2024"]!.contains("+") ? nil : row["nuts_2024"]))
        }
        #expect(regions(.country).count == 1)
        #expect(regions(.region).count == 3)
        #expect(regions(.province).count == 10)
        #expect(regions(.arrondissement).count == 43)
    }

    @Test(arguments: [("2019-2024", 2024), ("2025", 2025)])
    func westFlemishMunicipalitiesMatchStatbel(_ file: String, _ year: Int) throws {
        let reference = try SharedFolder.csvRows("reference/geography/belgium_municipalities_\(file)_derived.csv")
            .filter { $0["prov_nis"] == "30000" }
        let valid = regions(.municipality).filter {
            $0.isValid(during: .year(year)) && geography.ancestors(of: $0.code).contains { $0.code == "30000" }
        }
        #expect(valid.count == (year == 2024 ? 64 : 62))
        #expect(Set(valid.map(\.code)) == Set(reference.map { $0["nis"]! }))
        for row in reference {
            let region = try #require(geography[row["nis"]!])
            #expect(region.name.nl == row["name_nl"])
            #expect(region.parent == row["arr_nis"])
            // A municipality is no NUTS region; its arrondissement carries the NUTS-3 code Eurostat lists for it.
            #expect(region.nuts == nil)
            #expect(region.parent.flatMap { geography[$0]?.nuts } == row["nuts3_2024"])
        }
    }

    @Test func allBelgianMunicipalitiesAreThere() throws {
        for (file, year, count) in [("2019-2024", 2024, 581), ("2025", 2025, 565)] {
            let reference = try SharedFolder.csvRows("reference/geography/belgium_municipalities_\(file)_derived.csv")
            let valid = regions(.municipality).filter { $0.isValid(during: .year(year)) }
            #expect(reference.count == count)
            #expect(Set(valid.map(\.code)) == Set(reference.map { $0["nis"]! }))
        }
    }

    @Test func mergersOf2025MatchTheReference() throws {
        let reference = try SharedFolder.csvRows("reference/geography/municipal_mergers_2025.csv")
        #expect(Set(geography.successions.map { "\($0.from)>\($0.to)" }) == Set(reference.map { "\($0["nis_2024"]!)>\($0["nis_2025"]!)" }))
        #expect(geography.predecessors(of: "37022") == ["37007", "37015"])
        #expect(geography.predecessors(of: "37021") == ["37012", "37018"])
        // Antwerpen absorbed Borsbeek and kept its code.
        #expect(geography.predecessors(of: "11002") == ["11002", "11007"])
        #expect(geography.successions.allSatisfy { $0.date == Day(year: 2025, month: 1, day: 1) })
    }

    @Test func zuidWestVlaanderenIsTheThirteenMunicipalitiesOfTheStreekvisie() throws {
        // The Streekvisie's map and foreword name these 13 "steden en gemeenten".
        let names = ["Anzegem", "Avelgem", "Deerlijk", "Harelbeke", "Kortrijk", "Kuurne", "Lendelede", "Menen",
                     "Spiere-Helkijn", "Waregem", "Wevelgem", "Wervik", "Zwevegem"]
        let seed = try SharedFolder.text("seeds/streekvisie-zuid-west-vlaanderen-2020-2030.txt")
        #expect(names.allSatisfy(seed.contains))
        #expect(seed.contains("13 steden en gemeenten"))
        let members = try #require(geography.compositions["ZWV"])
        #expect(members.compactMap { geography[$0]?.name.nl }.sorted() == names.sorted())
        #expect(geography["ZWV"]?.level == .custom)
    }

    @Test func everyParentExistsAndChainsEndInBelgium() {
        for region in geography.regions.values where region.code != "01000" {
            #expect(geography.ancestors(of: region.code).last?.code == "01000", "\(region.code)")
        }
    }
}
