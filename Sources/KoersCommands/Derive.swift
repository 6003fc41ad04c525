import ArgumentParser
import Foundation
import KoersStore

extension DerivationReport {
    /// Each indicator left without derived values, on standard error: the import or command itself succeeded.
    func printRefusals() {
        var errors = FileHandle.standardError
        for problem in refused { print("warning: \(problem)", to: &errors) }
    }
}

/// `koers derive`: recomputes remapped, aggregated and formula values (imports do this by themselves).
struct Derive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute derived values: 2025 municipalities from their predecessors, larger regions from their "
            + "municipalities, and formula indicators.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let report = try await store.withStore { try await $0.recomputeDerivations() }
        print("\(report.count) derived values")
        report.printRefusals()
    }
}
