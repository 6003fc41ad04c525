import ArgumentParser
import Foundation
import KoersCore
import KoersStore

/// `koers data INDICATOR`: the stored observations of one indicator.
struct DataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "data", abstract: "Print the stored observations of an indicator.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The indicator code.") var indicator: String
    @Option(help: "Only this region (repeat for several).") var region: [String] = []
    @Option(help: "Only periods from this one on (e.g. 2016).") var from: String?
    @Option(help: "Only periods up to this one (e.g. 2030).") var to: String?
    @Option(help: "csv or json.") var format: String = "csv"

    func run() async throws {
        try await store.withStore { try await run(on: $0) }
    }

    private func run(on opened: any Store) async throws {
        guard let settings = try await opened.indicator(code: indicator)?.periods else { throw ValidationError("unknown indicator '\(indicator)'") }
        let bounds = try [from, to].map { text in
            try text.map { t in
                guard let p = Period(t) else { throw ValidationError("not a period: '\(t)'") }
                return p
            }
        }
        let observations = try await opened.observations(indicator: indicator, regions: region.isEmpty ? nil : region).filter { o in
            (bounds[0].map { o.period.end >= $0.start } ?? true) && (bounds[1].map { o.period.start <= $0.end } ?? true)
        }
        switch format {
        case "json":
            try JSONOutput.print(observations)
        case "csv":
            print("indicator,region,period,breakdown,value,flags,source")
            for o in observations {
                // As the indicator writes its periods (2019-2020), which `koers import` reads back as the same period.
                print([o.indicator, o.region, settings.written(o.period), o.breakdown.key, String(o.value),
                       o.flags.map(\.rawValue).sorted().joined(separator: " "), o.source].map(CSVField.quote).joined(separator: ","))
            }
        default:
            throw ValidationError("--format is csv or json")
        }
    }
}
