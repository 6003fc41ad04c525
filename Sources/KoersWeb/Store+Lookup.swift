import KoersCore
import KoersStore
import KoersViews

extension StoreReader {
    /// The names pages and API answers turn codes into, read fresh for each answer computed.
    func lookup() async throws -> Lookup {
        Lookup(geography: try await geography(), organisations: try await organisations(),
               funding: try await fundingProgrammes(), indicators: try await indicators())
    }

    /// The indicator's newest import in words, for "last updated".
    func lastUpdate(indicator: String, _ language: Language) async throws -> String {
        let batch = try await latestBatch(indicator: indicator)
        return LastUpdate.text(importedAt: batch?.importedAt, fileName: batch?.fileName, language: language)
    }
}
