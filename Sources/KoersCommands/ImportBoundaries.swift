import ArgumentParser
import Foundation
import KoersCore
import KoersImport
import KoersStore

/// `koers import-boundaries FILE...`: region outlines for the maps, all or nothing.
struct ImportBoundaries: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-boundaries",
        abstract: "Import region outlines (GeoJSON) for the maps.",
        discussion: """
            Each file is a GeoJSON FeatureCollection of Polygons or MultiPolygons in WGS84. A feature's region code is \
            read from --code-property, or else from the property nis, NIS, code or NUTS_ID, or the feature's id; it must \
            be a region Koers knows. Any problem in any file: nothing is written and every problem is listed with its \
            line and column. Importing a region's outline again replaces it. Without outlines the pages show no maps.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The GeoJSON files.") var files: [String]
    @Option(name: .customLong("code-property"), help: "The feature property that holds the region code.") var codeProperty: String?
    @Option(help: "Where the outlines come from, shown under every map (default: the file name).") var source: String?

    func run() async throws {
        try await store.withStore { try await run(on: $0) }
    }

    private func run(on opened: any Store) async throws {
        let geography = try await opened.geography()
        var boundaries: [Boundary] = []
        var problems: [Diagnostic] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("\(file): no such file") }
            do {
                boundaries += try GeoJSONBoundaries.read([UInt8](data), name: file, geography: geography, codeProperty: codeProperty,
                                                         source: source ?? URL(fileURLWithPath: file).lastPathComponent)
            } catch let error as DataFileError {
                problems += error.diagnostics
            }
        }
        guard problems.isEmpty else {
            var errors = FileHandle.standardError
            for p in problems.sorted() { print(p.descriptionWithColumn, to: &errors) }
            print("import refused: \(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was written", to: &errors)
            throw ExitCode(1)
        }
        try await opened.saveBoundaries(boundaries)
        print("\(boundaries.count) outlines imported from \(files.count) file(s)")
    }
}
