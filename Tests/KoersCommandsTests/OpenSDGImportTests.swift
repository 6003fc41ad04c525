import Foundation
import KoersTestSupport
import Testing

/// `koers import --format open-sdg` on Statistics Canada's repository (../shared/conformance/open-sdg-canada).
@Suite(.enabled(if: SharedFolder.shouldRun, "needs ../shared"))
struct OpenSDGImportTests {
    let cli = CommandLineTests()
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    var repository: String { SharedFolder.url("conformance/open-sdg-canada").path }

    @Test func theRepositoryImportsWithItsIndicatorsRegionAndProgressColumn() throws {
        let run = try cli.koers(["import", "--format", "open-sdg", repository], in: folder)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("values stored under the region open-sdg-canada"))
        // Counted by reading the 40 data files: 51,237 Value and Progress cells, 5,307 of them empty.
        #expect(run.output.contains("51237 values read; 45930 new, 0 changed, 0 unchanged"))
        #expect(run.output.contains("5307 empty values (gaps) not stored"))

        // data/indicator_3-2-1.csv line 2: the headline (all breakdown cells empty) for 2019 is 13.2.
        let headline = try cli.koers(["data", "3-2-1", "--format", "json"], in: folder)
        let rows = try cli.json(headline)
        func breakdown(_ row: [String: Any]) -> [String: String] { row["breakdown"] as? [String: String] ?? ["?": "?"] }
        #expect(rows.contains { $0["period"] as? String == "2019" && breakdown($0).isEmpty && $0["value"] as? Double == 13.2 })
        // line 3: Newfoundland and Labrador, GeoCode 10, is a breakdown of the repository's one region.
        #expect(rows.contains {
            breakdown($0) == ["Geography": "Newfoundland and Labrador", "GeoCode": "10"] && $0["period"] as? String == "2019"
                && $0["value"] as? Double == 15.6
        })

        // 16-4-1 has a Progress column: its cells are kept under a companion indicator, beside the published values.
        let progress = try cli.koers(["data", "16-4-1-progress", "--format", "csv"], in: folder)
        #expect(progress.output.contains("16-4-1-progress,open-sdg-canada,2014-2015,Elapsed time=Less than or equal to 3 months;Geography=Canada;Type of case=Total cases,69.79"))

        let again = try cli.koers(["import", "--format", "open-sdg", repository], in: folder)
        #expect(again.output.contains("0 new, 0 changed, 45930 unchanged"))
    }

    @Test func aDryRunWritesNeitherValuesNorIndicators() throws {
        let run = try cli.koers(["import", "--format", "open-sdg", repository, "--dry-run"], in: folder)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("45930 new"))
        let data = try cli.koers(["data", "3-2-1"], in: folder)
        #expect(data.status != 0)
        #expect(data.errors.contains("3-2-1"))
    }

    /// The national repository, whose 9-b-1 data file writes 'Inf' for Nunavut in 2023: all or nothing refuses it
    /// whole; file by file, the 90 sound data files land and 9-b-1 is refused, named with its problem.
    @Test func eachFileOnItsOwnLandsTheSoundFilesAndNamesTheRefusedOne() throws {
        let national = SharedFolder.url("conformance/open-sdg-canada-national").path
        let whole = try cli.koers(["import", national], in: folder)
        #expect(whole.status == 1)
        #expect(whole.errors.contains("data/indicator_9-b-1.csv:148:21: not a number: 'Inf'"))
        #expect(whole.output.contains("meta/README.md: skipped, not an indicator"))
        #expect(try cli.koers(["data", "1-3-1"], in: folder).status != 0)  // nothing written, not even the indicators

        let each = try cli.koers(["import", national, "--each-file"], in: folder)
        #expect(each.status == 1)
        #expect(each.output.contains("90 of 91 files imported; 1 refused, nothing of them written:"))
        #expect(each.errors.contains("open-sdg-canada-national/data/indicator_9-b-1.csv: refused (1 problem)\n"
            + "  data/indicator_9-b-1.csv:148:21: not a number: 'Inf'"))
        #expect(try cli.koers(["data", "1-3-1"], in: folder).status == 0)
        #expect(try cli.koers(["data", "9-b-1"], in: folder).output.split(separator: "\n").count <= 1)  // header only

        let again = try cli.koers(["import", national, "--each-file"], in: folder)
        #expect(!again.output.contains("recorded as import batch"))
    }
}
