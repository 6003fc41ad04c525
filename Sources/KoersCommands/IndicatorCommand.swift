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
        @Option(help: "How often it is measured: \(Frequency.allCases.map(\.rawValue).joined(separator: ", ")).") var frequency: String = "annual"
        @Option(name: .customLong("year-spans"), help: "What 2019-2020 is: school (from --year-start, 1 September by default), fiscal (1 April by default) or calendar (two calendar years).")
        var yearSpans: String = "school"
        @Option(name: .customLong("year-start"), help: "The first day of a school or fiscal year, MM-DD.") var yearStart: String?
        @Flag(name: .customLong("short-year-spans"), help: "Write school and fiscal years as 2017-18, as the publisher does.") var shortYearSpans = false
        @Option(help: "Where a period sits on a time axis and in the progress methods: start, middle or end.") var position: String = "end"

        func run() async throws {
            guard Fields.isSlug(code) else { throw ValidationError("the code must be lower-case letters, digits and hyphens: '\(code)'") }
            guard let unit = Unit(rawValue: unit) else { throw ValidationError("unknown unit '\(unit)'") }
            guard let direction = Direction(rawValue: direction) else { throw ValidationError("--direction is up, down or none") }
            guard let aggregation = Aggregation(rawValue: aggregation) else { throw ValidationError("--aggregation is sum, mean or none") }
            if let formula {
                do { _ = try Formula(formula) } catch { throw ValidationError("--formula: \(error)") }
            }
            guard let frequency = Frequency(rawValue: frequency) else {
                throw ValidationError("--frequency is \(Frequency.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let spans = YearSpanKind(rawValue: yearSpans) else { throw ValidationError("--year-spans is school, fiscal or calendar") }
            guard let position = PeriodPosition(rawValue: position) else { throw ValidationError("--position is start, middle or end") }
            let start = try yearStart.map { text in
                guard let s = YearStart(text) else { throw ValidationError("--year-start is a month and day, MM-DD (09-01), not '\(text)'") }
                return s
            }
            let indicator = Indicator(code: code, name: LocalizedText(nl: name), unit: unit, decimals: decimals,
                                      direction: direction, source: source, frequency: frequency, aggregation: aggregation,
                                      weight: weight, formula: formula,
                                      periods: PeriodSettings(yearSpans: spans, yearStart: start, shortYearSpans: shortYearSpans,
                                                              position: position))
            try await store.withStore { opened in
                try await opened.saveIndicators([indicator])
                try await opened.recomputeDerivations().printRefusals()
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
                    try await opened.recomputeDerivations().printRefusals()
                }
                print("\(catalogue.indicators.count) indicators saved")
            } catch let error as DataFileError {
                for d in error.diagnostics { print(d) }
                throw ExitCode.failure
            }
        }
    }
}
