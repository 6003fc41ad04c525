import KoersImport

extension RecordReader {
    /// Every record the reader emits for `bytes`, in order.
    func records(_ bytes: [UInt8], name: String) throws -> [SourceRecord] {
        var records: [SourceRecord] = []
        try read(bytes, name: name) { records.append($0) }
        return records
    }
}
