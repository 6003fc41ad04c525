import KoersCore
import KoersStore
import PostgresNIO

/// Turns a file's observations into the rows of `COPY import_row FROM STDIN` (PostgreSQL's text format: tab between
/// columns, `\N` for NULL, backslash escapes), numbering them in file order, and remembers what the import checks
/// afterwards: the indicators and regions named, and the files the rows came from.
struct CopyRows {
    static let table = "import_row"
    static let columns = ["seq", "indicator_code", "region_code", "period", "period_start", "breakdown", "value", "flags",
                          "source", "note", "file", "line", "col"]
    /// The staging table, emptied for each file and dropped at the end of the transaction.
    static let create = """
        CREATE TEMP TABLE IF NOT EXISTS import_row (
            seq BIGINT NOT NULL, indicator_code TEXT NOT NULL, region_code TEXT NOT NULL, period TEXT NOT NULL,
            period_start TEXT NOT NULL, breakdown TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, flags TEXT NOT NULL,
            source TEXT NOT NULL, note TEXT, file INTEGER NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL)
            ON COMMIT DROP
        """

    private(set) var count = 0
    private(set) var named = NamedCodes()
    /// The files rows were read from (Open SDG folders give many), by the number stored with each row.
    private(set) var files: [String] = []
    private var fileNumbers: [String: Int] = [:]
    private var lastFile = "", lastFileNumber = 0
    /// Text forms of periods: a file has few distinct periods and millions of rows.
    private var periodTexts: [Period: (period: String, start: String)] = [:]

    mutating func encode(_ chunk: ObservationPipe.Chunk) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: chunk.count * 128)
        for (o, location) in chunk {
            count += 1
            named.add(o)
            if location.file != lastFile {
                lastFile = location.file
                if let known = fileNumbers[location.file] { lastFileNumber = known } else {
                    lastFileNumber = files.count
                    fileNumbers[location.file] = files.count
                    files.append(location.file)
                }
            }
            let period: (period: String, start: String)
            if let known = periodTexts[o.period] { period = known } else {
                period = (o.period.description, o.period.start.description)
                periodTexts[o.period] = period
            }
            buffer.writeString(String(count))
            for text in [o.indicator, o.region, period.period, period.start, o.breakdown.key] { Self.field(text, into: &buffer) }
            buffer.writeInteger(UInt8(ascii: "\t"))
            buffer.writeString(Self.float8(o.value))
            Self.field(StoreStatements.flags(o.flags), into: &buffer)
            Self.field(o.source, into: &buffer)
            Self.field(o.note, into: &buffer)
            buffer.writeString("\t\(lastFileNumber)\t\(location.line)\t\(location.column)\n")
        }
        return buffer
    }

    /// A tab and then the text, escaped.
    private static func field(_ text: String?, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "\t"))
        value(text, into: &buffer)
    }

    /// The text escaped for COPY; `\N` for nil.
    static func value(_ text: String?, into buffer: inout ByteBuffer) {
        guard let text else {
            buffer.writeString("\\N")
            return
        }
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            buffer.writeString(text)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeString("\\t")
            case UInt8(ascii: "\n"): buffer.writeString("\\n")
            case UInt8(ascii: "\r"): buffer.writeString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// Swift prints a Double in the shortest form that reads back as the same Double, and PostgreSQL reads decimal
    /// text correctly rounded: the value arrives bit for bit.
    static func float8(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return value.description
    }
}
