import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A `multipart/form-data` body, read whole within a size limit: its text fields and its files. Every byte of it is
/// someone else's: the boundary is checked before the parser sees it (MultipartKit stops the process on an empty
/// one), field and file names are cut to size and cleaned of control characters, and a part without a name is dropped.
struct UploadForm: Sendable {
    struct File: Sendable {
        /// The form field (`bestanden`, `mapping`).
        var field: String
        /// The file's name as the browser sent it, cleaned (`UploadForm.fileName`); never a path on this machine.
        var name: String
        var bytes: ByteBuffer
    }

    var fields: [String: String] = [:]
    var files: [File] = []

    /// Fields of text are short (a token, a choice); a longer one is refused rather than kept.
    static let fieldLimit = 4096

    static func read(_ request: Request, limit: Int) async throws -> UploadForm {
        guard let type = request.headers[.contentType], let boundary = boundary(type) else {
            throw HTTPError(.unsupportedMediaType, message: "send the form as multipart/form-data with a boundary")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            let size = limit >= 1 << 20 ? "\(limit >> 20) MB" : "\(limit >> 10) KB"
            throw HTTPError(.contentTooLarge, message: "the upload is larger than \(size) (the setting serve.upload_mb)")
        }
        var form = UploadForm()
        var headers: [(String, String)] = []
        var part = ByteBuffer()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { chunk in part.writeBuffer(&chunk) }
        parser.onPartComplete = {
            defer { headers = []; part = ByteBuffer() }
            let disposition = headers.first { $0.0.lowercased() == "content-disposition" }?.1 ?? ""
            let parameters = Self.parameters(disposition)
            guard let field = parameters["name"].map(Self.clean), !field.isEmpty else { return }
            if let fileName = parameters["filename"] {
                // A file input left empty still sends a part, with no name and no bytes.
                if fileName.isEmpty && part.readableBytes == 0 { return }
                form.files.append(File(field: field, name: Self.fileName(fileName), bytes: part))
            } else {
                form.fields[field] = String(String(buffer: part).prefix(Self.fieldLimit))
            }
        }
        do {
            try parser.execute(body)
        } catch {
            throw HTTPError(.badRequest, message: "the form is not valid multipart/form-data")
        }
        return form
    }

    /// The boundary of a `multipart/form-data` content type, when it is one RFC 2046 allows (1 to 70 characters of
    /// its set); nil otherwise.
    static func boundary(_ contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for p in parts.dropFirst() where p.lowercased().hasPrefix("boundary=") {
            var value = String(p.dropFirst("boundary=".count))
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'()+_,-./:=? ")
            guard (1...70).contains(value.count), value.allSatisfy(allowed.contains), value.last != " " else { return nil }
            return value
        }
        return nil
    }

    /// The parameters of a `Content-Disposition` header (`form-data; name="a"; filename="b.csv"`), quoted or not,
    /// by lower-cased name; a quoted value may hold `;` and `=`, and `\"`.
    static func parameters(_ header: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(header)
        // Skip the disposition type.
        guard let first = rest.firstIndex(of: ";") else { return result }
        rest = rest[rest.index(after: first)...]
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let name = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let c = rest.first {
                    rest = rest.dropFirst()
                    if escaped { value.append(c); escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { break } else { value.append(c) }
                }
                rest = rest.drop { $0 != ";" }
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            rest = rest.drop { $0 == ";" }
            if result[name] == nil { result[name] = value }
        }
        return result
    }

    /// A name without control characters, at most 100 characters.
    static func clean(_ text: String) -> String {
        String(String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }).prefix(100))
    }

    /// The last part of a file name as a browser sends it (some send a whole Windows path), cleaned.
    static func fileName(_ sent: String) -> String {
        let last = sent.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let name = clean(last).trimmingCharacters(in: .whitespaces)
        return name.isEmpty || name == "." || name == ".." ? "upload" : name
    }
}
