import ArgumentParser
import Foundation
import KoersBundledCatalogue
import KoersCore
import KoersPlanFiles

/// `koers indicator add|load`: defines indicators before data for them is imported.
struct IndicatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "indicator", abstract: "Define indicators.",
                                                    subcommands: [Add.self, Load.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add (or redefine) one indicator.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The code: lower-case letters, digits and hyphens.") var code: String
        @Option(help: "The name, in Dutch.") var name: String
        @Option(help: "The unit: \(Unit.allCases.map(\.rawValue).joined(separator: ", ")).") var unit: String
        @Option(help: "Which way is better: up, down or none.") var direction: String = "none"
        @Option(help: "How municipalities add up: sum, mean or none.") var aggregation: String = "none"
        @Option(help: "Decimals shown.") var decimals: Int = 0
        @Option(help: "Who produces the data.") var source: String?
        @Option(help: "For --aggregation mean: the indicator that weighs each municipality.") var weight: String?
        @Option(help: "A derived indicator's formula, e.g. '{werkenden} / {bevolking-20-64} * 100'.") var formula: String?

        func run() async throws {
            guard Fields.isSlug(code) else { throw ValidationError("the code must be lower-case letters, digits and hyphens: '\(code)'") }
            guard let unit = Unit(rawValue: unit) else { throw ValidationError("unknown unit '\(unit)'") }
            guard let direction = Direction(rawValue: direction) else { throw ValidationError("--direction is up, down or none") }
            guard let aggregation = Aggregation(rawValue: aggregation) else { throw ValidationError("--aggregation is sum, mean or none") }
            if let formula {
                do { _ = try Formula(formula) } catch { throw ValidationError("--formula: \(error)") }
            }
            let indicator = Indicator(code: code, name: LocalizedText(nl: name), unit: unit, decimals: decimals,
                                      direction: direction, source: source, aggregation: aggregation, weight: weight, formula: formula)
            try await store.withStore { opened in
                try await opened.saveIndicators([indicator])
                try await opened.recomputeDerivations()
            }
            print("indicator \(code) saved")
        }
    }

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add the indicators of catalogue files (YAML, as in data/indicators/).")

        @OptionGroup var store: StoreOptions
        @Argument(help: "Indicator catalogue files.") var files: [String]

        func run() async throws {
            let sources = files.map { CatalogueLoader.Source(url: URL(fileURLWithPath: $0), name: $0) }
            do {
                let catalogue = try CatalogueLoader.load(sources, context: try? BundledCatalogue.load())
                try await store.withStore { opened in
                    try await opened.saveIndicators(catalogue.indicators)
                    try await opened.recomputeDerivations()
                }
                print("\(catalogue.indicators.count) indicators saved")
            } catch let error as DataFileError {
                for d in error.diagnostics { print(d) }
                throw ExitCode.failure
            }
        }
    }
}
