import ArgumentParser
import Foundation
import KoersPlanFiles

/// `koers export-plans DIR`: the store's plans, with every edit made in the browser, back as the YAML files of
/// `data/FORMAT.md`, one per plan, so that they can be reviewed and committed like the bundled ones.
struct ExportPlans: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-plans",
        abstract: "Write the stored plans as YAML plan files (data/FORMAT.md) into a folder.",
        discussion: """
            Writes DIR/<plan-id>.yaml for every plan, replacing files of the same name. Unedited bundled plans come \
            out identical to data/plans/; `koers check DIR` validates the result.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The folder to write into (created when missing).") var directory: String

    func run() async throws {
        let (plans, organisations, funding) = try await store.withStore {
            (try await $0.plans(), try await $0.organisations(), try await $0.fundingProgrammes())
        }
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for plan in plans {
            let text = PlanFileWriter.text(of: plan, organisations: organisations, funding: funding)
            try Data(text.utf8).write(to: folder.appendingPathComponent("\(plan.id).yaml"), options: .atomic)
        }
        print("\(plans.count) plan files written to \(directory)")
    }
}
