import Foundation
import KoersBundledData
import KoersTestSupport
import Testing

/// `koers export-plans`: the plans of a store back as plan files, on both stores.
struct ExportPlansTests {
    @Test(arguments: StoreKind.all) func unEditedBundledPlansExportByteForByteAndPassTheCheck(_ kind: StoreKind) async throws {
        try await ImportCommandTests.withStoreArguments(kind) { folder, db in
            let cli = CommandLineTests()
            let export = try cli.koers(["export-plans", "exported"] + db, in: folder)
            #expect(export.status == 0, "\(export.errors)")
            #expect(export.output.contains("5 plan files written to exported"), "\(export.output)")
            let bundled = try FileManager.default.contentsOfDirectory(atPath: BundledData.plans.path).filter { $0.hasSuffix(".yaml") }
            let written = try FileManager.default.contentsOfDirectory(atPath: folder.path("exported"))
            #expect(Set(written) == Set(bundled))
            for name in bundled {
                let original = try Data(contentsOf: BundledData.plans.appendingPathComponent(name))
                let exported = try Data(contentsOf: URL(fileURLWithPath: folder.path("exported/\(name)")))
                #expect(exported == original, "\(name) differs from data/plans/\(name)")
            }
            let check = try cli.koers(["check", "exported"], in: folder)
            #expect(check.status == 0, "\(check.output)")
            #expect(check.output.contains("5 files OK: 5 plans, 39 targets"), "\(check.output)")
        }
    }
}
