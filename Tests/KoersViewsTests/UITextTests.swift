import Foundation
import KoersCore
import Testing

@testable import KoersViews

/// Every interface word a template asks for exists in Dutch and in English: a missing key would render as nothing.
@Suite struct UITextTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/KoersViews/Templates")

    @Test func everyKeyUsedByATemplateIsTranslated() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.templates.path).filter { $0.hasSuffix(".mustache") }
        #expect(files.count >= 5)
        var used: Set<String> = []
        let pattern = try Regex(#"\{\{t\.([A-Za-z0-9_]+)\}\}"#)
        for file in files {
            let text = try String(contentsOf: Self.templates.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) { used.insert(String(text[match.range]).dropFirst(4).dropLast(2).description) }
        }
        #expect(used.count > 40)
        for language in Language.allCases {
            let missing = used.subtracting(UIText.table(language).keys).sorted()
            #expect(missing.isEmpty, "\(language): \(missing)")
        }
    }

    @Test func everyEntryHasBothLanguagesAndKeysAreUnique() {
        let keys = UIText.entries.map(\.key)
        #expect(Set(keys).count == keys.count)
        for entry in UIText.entries { #expect(!entry.nl.isEmpty && !entry.en.isEmpty, "\(entry.key)") }
    }
}
