import ArgumentParser
import Foundation
import KoersCore
import KoersStore

/// `koers batch list|show|approve|reject`: drafts staged by `koers import --draft` or the upload page, decided by a
/// data steward from the shell.
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "batch", abstract: "List, show, approve and reject draft imports.",
                                                    subcommands: [List.self, Show.self, Approve.self, Reject.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the drafts, newest first: waiting, approved and rejected.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "As JSON.") var json = false

        func run() async throws {
            let drafts = try await store.withStore { try await BatchCommand.drafts($0).drafts() }
            if json { return print(DraftJSON.list(drafts)) }
            if drafts.isEmpty { return print("no drafts") }
            for d in drafts {
                print("\(d.id)\t\(BatchCommand.state(d))\t\(d.createdAt)\t\(d.createdBy)\t\(d.values) values (\(d.new) new, \(d.changed) changed)\t"
                    + d.files.map(\.name).joined(separator: ", "))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one draft: its files, what it would change, its decision.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The draft's id.") var id: Int64
        @Flag(help: "As JSON, with every value.") var json = false

        func run() async throws {
            let (draft, values) = try await store.withStore { opened in
                let drafts = try BatchCommand.drafts(opened)
                guard let draft = try await drafts.draft(id: id) else { throw ValidationError("there is no draft \(id)") }
                return (draft, try await drafts.draftValues(draft: id, indicator: nil))
            }
            if json { return print(DraftJSON.show(draft, values: values)) }
            print("draft \(draft.id): \(BatchCommand.state(draft))")
            print("staged \(draft.createdAt) by \(draft.createdBy)")
            if let decision = draft.decision {
                print("\(decision.verdict.rawValue) \(decision.at) by \(decision.by)" + (decision.note.map { ": \($0)" } ?? ""))
            }
            print("when staged: \(draft.new) new, \(draft.changed) changed, \(draft.unchanged) unchanged")
            for f in draft.files { print("  \(f.name) (\(f.format), sha256 \(f.sha256.prefix(12))…): \(f.values) values") }
            if !values.isEmpty {
                let counts = Dictionary(grouping: values, by: \.observation.indicator).mapValues(\.count)
                for (indicator, count) in counts.sorted(by: { $0.key < $1.key }) { print("  \(indicator): \(count) values") }
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a waiting draft: its values are imported, all or nothing, and published.",
            discussion: "With four eyes (approval.four_eyes, $KOERS_FOUR_EYES), whoever staged a draft cannot approve it.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The draft's id.") var id: Int64
        @Option(help: "Why, for the audit trail.") var note: String?

        func run() async throws {
            let fourEyes = try store.configuration().fourEyes
            let outcomes = try await store.withStore { opened in
                let drafts = try BatchCommand.drafts(opened)
                do {
                    let outcomes = try await drafts.approve(draft: id, note: try BatchCommand.note(note), context: AccountInput.context, fourEyes: fourEyes)
                    if outcomes.contains(where: { $0.batchID != nil }) { _ = try await opened.recomputeDerivations() }
                    return outcomes
                } catch let error as DraftError { throw ValidationError(error.description) }
            }
            let (new, changed) = (outcomes.reduce(0) { $0 + $1.new }, outcomes.reduce(0) { $0 + $1.changed })
            print("draft \(id) approved: \(new) new and \(changed) changed values published"
                + (outcomes.compactMap(\.batchID).isEmpty ? "" : " as import batch " + outcomes.compactMap(\.batchID).map(String.init).joined(separator: ", ")))
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a waiting draft: its values are dropped; the published ones stay as they are.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The draft's id.") var id: Int64
        @Option(help: "Why, for the audit trail and whoever staged it.") var note: String?

        func run() async throws {
            let fourEyes = try store.configuration().fourEyes
            try await store.withStore { opened in
                do {
                    try await BatchCommand.drafts(opened).reject(draft: id, note: try BatchCommand.note(note), context: AccountInput.context, fourEyes: fourEyes)
                } catch let error as DraftError { throw ValidationError(error.description) }
            }
            print("draft \(id) rejected; the published values are unchanged")
        }
    }

    static func drafts(_ store: any Store) throws -> any Store & DraftStore {
        guard let drafts = store as? any Store & DraftStore else { throw ValidationError("this store keeps no drafts") }
        return drafts
    }

    static func state(_ draft: Draft) -> String { draft.decision?.verdict.rawValue ?? "waiting" }

    /// A decision's note: at most 2,000 characters, no control characters but line breaks.
    static func note(_ text: String?) throws -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        do { return try DraftNote.check(text) } catch { throw ValidationError("--note: \(error)") }
    }
}
