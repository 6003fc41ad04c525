import KoersCore
import KoersImport
import KoersStore

/// Why an import was refused, whichever step refused it: the first problems (with file, line and column) and how many
/// there were. One place for `koers import` and the upload page, so both list the same.
public struct ImportRefusal: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public var total: Int

    /// The refusal an import error stands for; nil for an error that is not about the files (the store, a signal).
    public init?(_ error: any Error) {
        switch error {
        case let problems as ImportProblems: (diagnostics, total) = (problems.diagnostics, problems.total)
        case let conflicts as ImportConflicts: (diagnostics, total) = (conflicts.diagnostics, conflicts.total)
        case let file as DataFileError: (diagnostics, total) = (file.diagnostics, file.diagnostics.count)
        default: return nil
        }
    }

    /// `file:line:column: problem` per line, then how many more, as `koers import` prints them.
    public var lines: [String] {
        diagnostics.map(\.descriptionWithColumn) + (total > diagnostics.count ? ["… and \(total - diagnostics.count) more problems"] : [])
    }
}
