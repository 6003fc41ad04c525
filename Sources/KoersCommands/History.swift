import ArgumentParser
import KoersCore

/// `koers history`: every revision of one value, with the import that brought it.
struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show every revision of one value with its import batch.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The indicator code.") var indicator: String
    @Option(help: "The region code.") var region: String
    @Option(help: "The period (2020, 2020-Q3…).") var period: String
    @Option(help: "The breakdown, as dimension=value;dimension=value (none for the whole population).") var breakdown: String = ""

    func run() async throws {
        guard let p = Period(period) else { throw ValidationError("not a period: '\(period)'") }
        guard let b = Breakdown(key: breakdown) else { throw ValidationError("--breakdown is dimension=value;dimension=value") }
        let versions = try await store.withStore { try await $0.history(indicator: indicator, region: region, period: p, breakdown: b) }
        guard !versions.isEmpty else {
            print("no value stored for \(indicator) \(region) \(p)")
            return
        }
        for (i, v) in versions.enumerated() {
            let state = v.supersededBy == nil ? "current" : "replaced by batch \(v.supersededBy!)"
            let origin = v.batch.map { "batch \($0.id!): \($0.fileName) (\($0.format), sha256 \($0.sha256.prefix(12))…, \($0.importedAt))" }
                ?? "bundled with Koers: \(v.observation.source)"
            print("\(i + 1). \(v.observation.value)\(v.observation.flags.isEmpty ? "" : " [\(v.observation.flags.map(\.rawValue).sorted().joined(separator: ","))]")\t\(state)\t\(origin)")
        }
    }
}
