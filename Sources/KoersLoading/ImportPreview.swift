import Foundation
import KoersCore
import KoersImport
import KoersStore

/// What an import would change, value by value, computed by the import's own dry run: the counts are the store's,
/// and the values are those that passed validation. The upload page shows it before anything is written, and a
/// draft is staged from it.
public struct ImportPreview: Sendable {
    /// Per file: values read, gaps, skipped rows, and new / changed / unchanged as the store counted them.
    public var files: [FileResult]
    /// New, revised and unchanged values per indicator and region, in code order.
    public var groups: [Group]
    /// Revised values with the published value they replace, in key order; the first `revisionLimit`.
    public var revisions: [Revision]
    public var revisionCount: Int
    /// Every value, as a draft holds it.
    public var values: [DraftValue]

    public static let revisionLimit = 500

    public struct Group: Sendable, Hashable {
        public var indicator: String
        public var region: String
        public var new = 0
        public var revised = 0
        public var unchanged = 0
    }

    public struct Revision: Sendable, Hashable {
        public var key: ObservationKey
        public var old: Double
        public var new: Double
        public var file: String
        public var line: Int
    }

    public var new: Int { files.reduce(0) { $0 + $1.outcome.new } }
    public var changed: Int { files.reduce(0) { $0 + $1.outcome.changed } }
    public var unchanged: Int { files.reduce(0) { $0 + $1.outcome.unchanged } }

    /// Runs the import of `imports` as a dry run through `writer` (which must be one) and compares each value with
    /// the published one. Throws the import's own errors (`ImportProblems`, `ImportConflicts`, `DataFileError`).
    public static func make(_ imports: [FileImport], writer: ImportWriter) async throws -> ImportPreview {
        precondition(writer.dryRun, "a preview writes nothing")
        let collected = Collected()
        let files = try await writer.write(imports, adding: CatalogueAdditions(), collect: { index, observation, location in
            collected.add(DraftValue(file: index, observation: observation, line: location.line, column: location.column))
        })
        var published: [ObservationKey: Observation] = [:]
        var values = collected.values
        // Exact duplicates count once, as in the import: the first stands for the value.
        var seen = Set<FileKey>()
        values = values.filter { seen.insert(FileKey(file: $0.file, key: $0.observation.key)).inserted }
        for indicator in Set(values.map(\.observation.indicator)).sorted() {
            for o in try await writer.store.observations(indicator: indicator, regions: nil) { published[o.key] = o }
        }
        var groups: [GroupKey: Group] = [:]
        var revisions: [Revision] = []
        var revisionCount = 0
        for v in values.sorted(by: { ($0.file, $0.line) < ($1.file, $1.line) }) {
            let o = v.observation
            let key = GroupKey(indicator: o.indicator, region: o.region)
            var group = groups[key] ?? Group(indicator: o.indicator, region: o.region)
            // A derived value is replaced, not revised: the import counts it as new.
            if let old = published[o.key], old.derivation == nil {
                if old.value == o.value && old.flags == o.flags {
                    group.unchanged += 1
                } else {
                    group.revised += 1
                    revisionCount += 1
                    if revisions.count < revisionLimit {
                        revisions.append(Revision(key: o.key, old: old.value, new: o.value, file: imports[v.file].name, line: v.line))
                    }
                }
            } else {
                group.new += 1
            }
            // A later file of the same import sees this one's value as published.
            published[o.key] = o
            groups[key] = group
        }
        return ImportPreview(files: files, groups: groups.values.sorted { ($0.indicator, $0.region) < ($1.indicator, $1.region) },
                             revisions: revisions, revisionCount: revisionCount, values: values)
    }

    /// Stages this preview as a draft (`DraftStore.stage`), with the counts of its dry run.
    public func stage(in drafts: any DraftStore, context: AuditContext) async throws -> Int64 {
        let draft = Draft(createdAt: ISO8601DateFormatter().string(from: Date()), createdBy: context.actor.description,
                          files: files.enumerated().map { index, r in
                              DraftFile(name: r.file.name, sha256: r.sha256, format: r.file.format.rawValue,
                                        values: values.count { $0.file == index })
                          },
                          new: new, changed: changed, unchanged: unchanged)
        return try await drafts.stage(draft, values: values, context: context)
    }

    private struct GroupKey: Hashable {
        var indicator: String
        var region: String
    }

    private struct FileKey: Hashable {
        var file: Int
        var key: ObservationKey
    }
}

/// Values collected on the import's reading thread, read after it.
private final class Collected: @unchecked Sendable {
    private var items: [DraftValue] = []
    private let lock = NSLock()

    func add(_ value: DraftValue) { lock.withLock { items.append(value) } }
    var values: [DraftValue] { lock.withLock { items } }
}
