import Foundation
import KoersCore
import KoersTestSupport
import Testing

@testable import KoersImport

@Suite struct JSONRecordsReaderTests {
    func rows(_ json: String) throws -> [TableRow] {
        let folder = try TemporaryFolder()
        let url = try folder.write("r.json", json)
        var rows: [TableRow] = []
        try JSONRecordsReader(url: url, name: "r.json").forEachRow { rows.append($0) }
        return rows
    }

    @Test func aListOfRecordsOrAnObjectHoldingOne() throws {
        let facts = try rows("""
            {"facts": [
              {"Gemeente": "Tielt", "Kwartaal": "4de kwartaal 2018", "Aantal": 4309.0},
              {"Gemeente": null, "Kwartaal": "4de kwartaal 2019", "Aantal": 12.5}
            ]}
            """)
        #expect(facts.map(\.cells) == [["Gemeente", "Kwartaal", "Aantal"], ["Tielt", "4de kwartaal 2018", "4309"], ["", "4de kwartaal 2019", "12.5"]])
        #expect(facts.map(\.line) == [2, 2, 3])
        #expect(try rows(#"[{"a": 1}, {"a": 2}]"#).map(\.cells) == [["a"], ["1"], ["2"]])
    }

    @Test(arguments: [(#"{"x": 1}"#, 1, "expected a list of records, or an object with exactly one list of records"),
                      (#"[]"#, 1, "the list of records is empty"),
                      (#"[{"a": 1}, {"a": 2, "b": 3}]"#, 26, "field 'b' is not in the first record (fields: a)"),
                      (#"[{"a": 1}, 7]"#, 12, "a record must be an object")])
    func malformedExportsAreRefused(_ json: String, _ column: Int, _ message: String) throws {
        do {
            _ = try rows(json)
            Issue.record("must be refused")
        } catch let error as DataFileError {
            #expect(error.diagnostics == [Diagnostic(file: "r.json", line: 1, column: column, message: message)])
        }
    }

    @Test(arguments: [("4de kwartaal 2018", "2018-Q4"), ("1ste kwartaal 2020", "2020-Q1"), ("2015 Q4", "2015-Q4"),
                      ("2020K3", "2020-Q3"), ("2020M07", "2020-07"), ("2020-07", "2020-07"), ("2014/2015", "2014-09-01/P1Y"), ("2010-2015", "2010/2015")])
    func periodNotationsStatisticalOfficesUse(_ text: String, _ canonical: String) {
        #expect(PeriodNotation.parse(text)?.description == canonical)
    }

    @Test(arguments: ["5de kwartaal 2018", "kwartaal 2018", "2020Q", "2020M7", "Q3"])
    func notPeriods(_ text: String) {
        #expect(PeriodNotation.parse(text) == nil)
    }
}
