import Foundation
import KoersPostgres
import KoersTestSupport
import Testing

/// `koers import` on the periods publishers write: school years, Belgian dates, Dutch quarters, SDMX codes; the
/// cells that can be read two ways are refused with each reading until the import says which.
@Suite struct ImportPeriodsTests {
    /// An analyst (`ImportCommandTests.Analyst`) with a school-year indicator and a monthly one.
    static func withAnalyst(_ kind: StoreKind, _ body: (ImportCommandTests.Analyst) async throws -> Void) async throws {
        try await ImportCommandTests.withAnalyst(kind) { a in
            for (code, frequency) in [("leerlingen", "annual"), ("werkzoekenden", "monthly")] {
                let add = try a.koers(["indicator", "add", code, "--name", code, "--unit", "count", "--direction", "up",
                                       "--frequency", frequency])
                #expect(add.status == 0, "\(add.errors)")
            }
            try await body(a)
        }
    }

    @Test(arguments: StoreKind.all) func everyNotationOfTheFileLandsAsItsPeriod(_ kind: StoreKind) async throws {
        try await Self.withAnalyst(kind) { a in
            try a.folder.write("perioden.csv", """
                indicator;region;period;value
                leerlingen;34022;2019-2020;10
                leerlingen;34022;2020-21;11
                leerlingen;34022;2021/2022 (voorlopig);12
                werkzoekenden;34022;31/12/2019;20
                werkzoekenden;34022;Q3 2020;21
                werkzoekenden;34022;3e kwartaal 2021;22
                werkzoekenden;34022;2024 Q1;23
                werkzoekenden;34022;2022-W05;24
                """)
            let run = try a.koers(["import", "perioden.csv"])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.contains("8 values read; 8 new"))
            // Downloads write a school year as people read it, not as 2019-09-01/P1Y.
            #expect(try a.periods("leerlingen") == ["2019-2020=10.0", "2020-2021=11.0", "2021-2022=12.0"])
            #expect(try a.periods("werkzoekenden")
                == ["2019-12-31=20.0", "2020-Q3=21.0", "2021-Q3=22.0", "2022-W05=24.0", "2024-Q1=23.0"])
            // The remark in brackets is the value's note.
            let json = try a.koers(["data", "leerlingen", "--region", "34022", "--format", "json"])
            #expect(json.output.contains("voorlopig"), "\(json.output)")
        }
    }

    @Test func cellsThatCanBeReadTwoWaysAreRefusedUntilTheImportSaysWhich() async throws {
        try await Self.withAnalyst(.sqlite) { a in
            try a.folder.write("twijfel.csv", """
                indicator;region;period;value
                werkzoekenden;34022;01/02/2020;5
                leerlingen;34022;2011-12;7
                """)
            let refused = try a.koers(["import", "twijfel.csv"])
            #expect(refused.status == 1)
            #expect(refused.errors.split(separator: "\n").map(String.init) == [
                "twijfel.csv:2:21: '01/02/2020' can be read 2 ways: day-month gives 2020-02-01, month-day gives 2020-01-02; "
                    + "say which with --dates day-month|month-day or 'dates:' in the mapping",
                "twijfel.csv:3:18: '2011-12' can be read 2 ways: year-span gives 2011-2012 (2011-09-01 to 2012-08-31), "
                    + "month gives 2011-12 (2011-12-01 to 2011-12-31); say which with --year-pairs year-span|month "
                    + "or 'year_pairs:' in the mapping",
                "import refused: 2 problems; nothing was written",
            ])
            #expect(try a.periods("werkzoekenden") == [])

            // Belgian day-month dates and school years, as options…
            let flags = try a.koers(["import", "twijfel.csv", "--dates", "day-month", "--year-pairs", "year-span"])
            #expect(flags.status == 0, "\(flags.errors)")
            #expect(try a.periods("werkzoekenden") == ["2020-02-01=5.0"])
            #expect(try a.periods("leerlingen") == ["2011-2012=7.0"])

            // …or the other readings, from the mapping.
            try a.folder.write("amerikaans.yaml", "dates: month-day\nyear_pairs: month\n")
            try a.folder.write("twijfel2.csv", """
                indicator;region;period;value
                werkzoekenden;34022;01/02/2020;6
                werkzoekenden;34022;2011-12;8
                """)
            let mapping = try a.koers(["import", "twijfel2.csv", "--mapping", "amerikaans.yaml"])
            #expect(mapping.status == 0, "\(mapping.errors)")
            #expect(try a.periods("werkzoekenden") == ["2011-12=8.0", "2020-01-02=6.0", "2020-02-01=5.0"])

            // Once the order is said, a date only the other order fits is a mistake, not silently swapped.
            try a.folder.write("verkeerd.csv", "indicator;region;period;value\nwerkzoekenden;34022;12/31/2019;1\n")
            let wrong = try a.koers(["import", "verkeerd.csv", "--dates", "day-month"])
            #expect(wrong.status == 1)
            #expect(wrong.errors.hasPrefix("verkeerd.csv:2:21: not a period: '12/31/2019'"), "\(wrong.errors)")
        }
    }

    @Test func sdmxTimePeriodCodesAreRead() async throws {
        try await Self.withAnalyst(.sqlite) { a in
            try a.folder.write("sdmx.csv", """
                DATAFLOW,REF_AREA,TIME_PERIOD,OBS_VALUE
                KOERS:WZ(1.0),34022,2020-S1,30
                KOERS:WZ(1.0),34022,2020-W05,31
                KOERS:WZ(1.0),34022,2021-A1,32
                KOERS:WZ(1.0),34022,2021-M03,33
                """)
            try a.folder.write("sdmx.yaml", "indicators: {\"KOERS:WZ(1.0)\": werkzoekenden}\n")
            let run = try a.koers(["import", "sdmx.csv", "--mapping", "sdmx.yaml"])
            #expect(run.status == 0, "\(run.errors)")
            #expect(try a.periods("werkzoekenden") == ["2020-S1=30.0", "2020-W05=31.0", "2021=32.0", "2021-03=33.0"])
        }
    }
}

extension ImportCommandTests.Analyst {
    /// `period=value` of each of Kortrijk's values in `koers data`, in its order.
    func periods(_ indicator: String) throws -> [String] {
        let data = try koers(["data", indicator, "--region", "34022", "--format", "csv"])
        #expect(data.status == 0, "\(data.errors)")
        let lines = data.output.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = try #require(lines.first)
        let period = try #require(header.firstIndex(of: "period")), value = try #require(header.firstIndex(of: "value"))
        return lines.dropFirst().map { "\($0[period])=\($0[value])" }
    }
}
