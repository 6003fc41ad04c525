import ArgumentParser
import Foundation
import KoersBundledCatalogue
import KoersCore
import KoersPlanFiles

/// `koers check PATH...`: validates data files without touching a store.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate plan, indicator, observation and geography files.",
        discussion: """
            Prints one line per problem as `file:line: problem` and exits non-zero when there is any. Codes the files \
            use but do not define (regions, indicators, organisations) are looked up in Koers's bundled data.
            """)

    @Argument(help: "Files or folders of YAML files.")
    var paths: [String]

    func run() async throws {
        var sources: [CatalogueLoader.Source] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("\(path): no such file or folder")
            }
            let url = URL(fileURLWithPath: path)
            if isDirectory.boolValue {
                let prefix = path.hasSuffix("/") ? path : path + "/"
                sources += CatalogueLoader.sources(in: url, namePrefix: prefix)
            } else {
                sources.append(CatalogueLoader.Source(url: url, name: path))
            }
        }
        let context = try? BundledCatalogue.load()
        do {
            let catalogue = try CatalogueLoader.load(sources, context: context)
            let targets = catalogue.plans.reduce(0) { $0 + $1.allTargets.count }
            print("\(sources.count) files OK: \(catalogue.plans.count) plans, \(targets) targets, "
                + "\(catalogue.indicators.count) indicators, \(catalogue.observations.count) observations, "
                + "\(catalogue.geography.regions.count) regions known")
        } catch {
            for diagnostic in error.diagnostics { print(diagnostic) }
            print("\(error.diagnostics.count) problem\(error.diagnostics.count == 1 ? "" : "s") found")
            throw ExitCode.failure
        }
    }
}
