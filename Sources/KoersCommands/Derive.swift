import ArgumentParser
import KoersStore

/// `koers derive`: recomputes remapped, aggregated and formula values (imports do this by themselves).
struct Derive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute derived values: 2025 municipalities from their predecessors, larger regions from their "
            + "municipalities, and formula indicators.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let count = try await store.withStore { try await $0.recomputeDerivations() }
        print("\(count) derived values")
    }
}
