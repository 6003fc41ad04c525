import Foundation
import KoersCore

/// A file being imported: what Koers records about it so that every stored value knows where it came from.
public struct ImportBatch: Sendable, Hashable {
    public var id: Int64?
    public var fileName: String
    public var sha256: String
    public var format: String
    /// ISO 8601 time of the import.
    public var importedAt: String
    public var rowsRead: Int
    /// Who imports, for the audit row a kept batch writes (`StoreStatements.finish`): today every import comes from
    /// the shell, so by default the operating-system user.
    public var actor: AuditActor

    public init(id: Int64? = nil, fileName: String, sha256: String, format: String, importedAt: String, rowsRead: Int = 0,
                actor: AuditActor = .commandLine(osUser: ProcessInfo.processInfo.userName)) {
        self.id = id
        self.actor = actor
        self.fileName = fileName
        self.sha256 = sha256
        self.format = format
        self.importedAt = importedAt
        self.rowsRead = rowsRead
    }
}

/// What an import did, or would do in a dry run.
public struct ImportOutcome: Sendable, Hashable {
    /// The batch recorded for this import; nil in a dry run, on failure, or when nothing changed.
    public var batchID: Int64?
    public var new = 0
    public var changed = 0
    public var unchanged = 0
    /// Exact duplicate rows collapsed into one (reported, not an error).
    public var duplicates: [Diagnostic] = []
    public var duplicateCount = 0

    public init() {}
}

/// Rows that give one value two different numbers: the import is refused.
public struct ImportConflicts: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public var total: Int
}

/// One stored version of a value: the current one or an earlier revision, with the batch that brought it.
public struct ObservationVersion: Sendable, Hashable {
    public var observation: Observation
    /// nil for a value bundled with Koers (a figure from a seed document).
    public var batch: ImportBatch?
    /// The batch that replaced this version; nil for the current one.
    public var supersededBy: Int64?
}

/// Sends validated observations, each with the place it was read from, into an import.
public typealias ObservationSink = (Observation, Location) throws -> Void

/// Indicators and regions an import brings with it, written in the import's transaction.
public struct CatalogueAdditions: Sendable, Hashable {
    public var indicators: [Indicator]
    public var regions: [Region]

    public init(indicators: [Indicator] = [], regions: [Region] = []) {
        self.indicators = indicators
        self.regions = regions
    }
}

/// An imported row names an indicator or region the store does not have (removed since the file was validated).
public struct UnknownReference: Error, CustomStringConvertible {
    public var table: String
    public var code: String

    public var description: String { "the \(table) '\(code)' is not in the store (was it removed during the import?)" }

    /// Throws for the first (sorted) of `codes` that `known` lacks.
    public static func check(_ codes: Set<String>, known: Set<String>, table: String) throws {
        if let missing = codes.subtracting(known).sorted().first { throw UnknownReference(table: table, code: missing) }
    }
}

/// The indicators and regions an import's rows name, gathered as the rows pass (a file names few codes, in long runs,
/// so a code is only looked up when it changes) and checked against the store once at the end, instead of per row.
public struct NamedCodes: Sendable {
    public private(set) var indicators = Set<String>(), regions = Set<String>()
    private var lastIndicator = "", lastRegion = ""

    public init() {}

    public mutating func add(_ o: Observation) {
        if o.indicator != lastIndicator {
            indicators.insert(o.indicator)
            lastIndicator = o.indicator
        }
        if o.region != lastRegion {
            regions.insert(o.region)
            lastRegion = o.region
        }
    }

    /// Throws `UnknownReference` for a code the store lacks.
    public func check(knownIndicators: Set<String>, knownRegions: Set<String>) throws {
        try UnknownReference.check(indicators, known: knownIndicators, table: "indicator")
        try UnknownReference.check(regions, known: knownRegions, table: "region")
    }
}
