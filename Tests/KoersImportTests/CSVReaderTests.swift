import Foundation
import KoersCore
import KoersTestSupport
import Testing

@testable import KoersImport

@Suite struct CSVReaderTests {
    func rows(_ bytes: [UInt8], delimiter: Character? = nil, encoding: CSVReader.Encoding = .auto) throws -> [TableRow] {
        var result: [TableRow] = []
        try CSVReader(bytes: bytes, name: "t.csv", delimiter: delimiter, encoding: encoding).forEachRow { result.append($0) }
        return result
    }

    func rows(_ text: String) throws -> [TableRow] { try rows(Array(text.utf8)) }

    @Test(arguments: [("a;b;c\n1;2;3\n", ";"), ("a,b,c\n1,2,3\n", ","), ("a\tb\tc\n1\t2\t3\n", "\t"),
                      ("\"a;x\",b,c\n1,2,3\n", ","), ("a;b,c;d\n", ";"), ("single\n1\n", ",")])
    func theSeparatorIsDetectedFromTheFirstLine(_ text: String, _ separator: Character) throws {
        #expect(try CSVReader(bytes: Array(text.utf8), name: "t.csv").delimiter() == separator)
    }

    @Test func quotedFieldsWithSeparatorsQuotesAndLineBreaks() throws {
        let r = try rows("naam;waarde\n\"Kortrijk; stad\";\"1.234,5\"\n\"Zegt \"\"ja\"\"\";\"twee\nregels\"\nlaatste;3\n")
        #expect(r.map(\.cells) == [["naam", "waarde"], ["Kortrijk; stad", "1.234,5"], ["Zegt \"ja\"", "twee\nregels"], ["laatste", "3"]])
        #expect(r.map(\.line) == [1, 2, 3, 5])
        #expect(r[1].columns == [1, 18])
    }

    @Test func bomCRLFBlankLinesAndAMissingFinalNewline() throws {
        let r = try rows([0xEF, 0xBB, 0xBF] + Array("a;b\r\n\r\n1;é\r\n2;3".utf8))
        #expect(r.map(\.cells) == [["a", "b"], ["1", "é"], ["2", "3"]])
        #expect(r.map(\.line) == [1, 3, 4])
        #expect(r[1].columns == [1, 3])
    }

    @Test func windows1252IsRecognisedAndDecoded() throws {
        // "Liège;€ 5" as Excel saves it in Belgium: è = 0xE8, € = 0x80.
        let bytes: [UInt8] = Array("gemeente;bedrag\nLi".utf8) + [0xE8] + Array("ge;".utf8) + [0x80] + Array(" 5\n".utf8)
        #expect(try rows(bytes).map(\.cells) == [["gemeente", "bedrag"], ["Liège", "€ 5"]])
        #expect(try rows(bytes, encoding: .windows1252)[1].cells == ["Liège", "€ 5"])
    }

    @Test func invalidUTF8AfterUTF8TextIsAnError() throws {
        let bytes: [UInt8] = Array("a;b\né;1\nx".utf8) + [0xE8] + Array(";2\n".utf8)
        #expect(throws: DataFileError.self) { try rows(bytes) }
        do { _ = try rows(bytes) } catch let error as DataFileError {
            #expect(error.description == "t.csv:3: this cell is not valid UTF-8 although earlier text was (mixed encodings?)")
        }
    }

    @Test func aTruncatedFileWithAnOpenQuoteIsAnError() throws {
        do {
            _ = try rows("a;b\n1;\"begonnen maar\nnooit")
            Issue.record("a truncated file must be refused")
        } catch let error as DataFileError {
            #expect(error.diagnostics == [Diagnostic(file: "t.csv", line: 2, column: 3,
                                                      message: "a quoted field is never closed (is the file truncated?)")])
        }
    }

    @Test func aFileLargerThanOneChunkIsReadAcrossChunkBoundaries() throws {
        let folder = try TemporaryFolder()
        var text = "indicator;region;period;value\n"
        for i in 0..<60_000 { text += "x;\"34022\";\(2000 + i % 20);\"\(i),5\"\n" }
        let url = try folder.write("big.csv", text)
        #expect(text.utf8.count > 1 << 20)  // more than one 1 MiB chunk
        var count = 0, last: TableRow?
        try CSVReader(url: url, name: "big.csv").forEachRow { row in
            count += 1
            last = row
            #expect(row.cells.count == 4)
        }
        #expect(count == 60_001)
        #expect(last?.cells == ["x", "34022", "2019", "59999,5"])
        #expect(last?.line == 60_001)
    }
}
