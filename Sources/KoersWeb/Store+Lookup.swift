import KoersStore
import KoersViews

extension Store {
    /// The names pages and API answers turn codes into, read fresh for each request.
    func lookup() async throws -> Lookup {
        Lookup(geography: try await geography(), organisations: try await organisations(),
               funding: try await fundingProgrammes(), indicators: try await indicators())
    }
}
