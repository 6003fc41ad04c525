/// One problem found in a data file, with where it is.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible, Comparable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line: problem`, the form editors and CI logs link to.
    public var description: String { "\(file):\(line): \(message)" }

    /// `file:line:column: problem`, for data files where the column matters (`koers import`, the upload page).
    public var descriptionWithColumn: String { "\(file):\(line):\(column): \(message)" }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
    }
}

/// Thrown when data files have problems: every problem found, so one run shows them all.
public struct DataFileError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted() }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A place in a file: which file, which line, which column (both 1-based).
public struct Location: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public func diagnostic(_ message: String) -> Diagnostic {
        Diagnostic(file: file, line: line, column: column, message: message)
    }
}

/// A single problem can be thrown or returned as a failure on its own.
extension Diagnostic: Error {}
