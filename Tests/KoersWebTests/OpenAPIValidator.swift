import Foundation

/// A parsed JSON value. Decoded with `JSONDecoder`, which keeps `true` and `1` apart (JSONSerialization's NSNumber
/// does not on every platform), so the validator can tell a boolean from a number.
enum JSON: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSON].self)) }
    }

    static func parse(_ data: Data) throws -> JSON { try JSONDecoder().decode(JSON.self, from: data) }
    static func parse(_ text: String) throws -> JSON { try parse(Data(text.utf8)) }

    /// A member, or `.null` when this is not an object or lacks the key: tests read deep paths without unwrapping.
    subscript(key: String) -> JSON {
        if case .object(let o) = self { return o[key] ?? .null }
        return .null
    }

    subscript(index: Int) -> JSON {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return .null
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var number: Double? { if case .number(let n) = self { n } else { nil } }
    var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    var array: [JSON] { if case .array(let a) = self { a } else { [] } }
    var object: [String: JSON]? { if case .object(let o) = self { o } else { nil } }
    var isNull: Bool { self == .null }
}

/// A JSON Schema validator for the subset the OpenAPI document uses: `type` (also as a list), `properties`,
/// `required`, `additionalProperties` (false or a schema), `items`, `enum`, `anyOf`, `minimum`, `maximum` and `$ref`
/// into the document. Any other keyword is reported, so the document cannot rely on a rule nobody checks.
struct SchemaValidator {
    let document: JSON

    private static let annotations: Set = ["description", "title", "examples"]
    private static let keywords: Set = ["type", "properties", "required", "additionalProperties", "items", "enum", "anyOf",
                                        "minimum", "maximum", "$ref"]

    /// Every way `value` breaks `schema`, each with the path of the offending value; empty when it conforms.
    func errors(_ value: JSON, _ schema: JSON, at path: String = "$") -> [String] {
        guard let rules = schema.object else { return ["\(path): schema is not an object"] }
        var errors: [String] = []
        for key in rules.keys where !Self.keywords.contains(key) && !Self.annotations.contains(key) {
            errors.append("\(path): unsupported schema keyword '\(key)'")
        }
        if let ref = rules["$ref"]?.string {
            guard let target = resolve(ref) else { return errors + ["\(path): unresolved $ref \(ref)"] }
            errors += self.errors(value, target, at: path)
        }
        if let type = rules["type"] {
            let allowed = type.string.map { [$0] } ?? type.array.compactMap(\.string)
            guard allowed.contains(where: { Self.value(value, is: $0) }) else {
                return errors + ["\(path): \(Self.describe(value)) is not of type \(allowed.joined(separator: " or "))"]
            }
        }
        if let options = rules["enum"]?.array, !options.contains(value) {
            errors.append("\(path): \(Self.describe(value)) is not one of the allowed values")
        }
        if let alternatives = rules["anyOf"]?.array,
           !alternatives.contains(where: { self.errors(value, $0, at: path).isEmpty }) {
            errors.append("\(path): \(Self.describe(value)) matches none of anyOf: "
                + alternatives.flatMap { self.errors(value, $0, at: path) }.joined(separator: "; "))
        }
        if let n = value.number {
            if let min = rules["minimum"]?.number, n < min { errors.append("\(path): \(n) is below the minimum \(min)") }
            if let max = rules["maximum"]?.number, n > max { errors.append("\(path): \(n) is above the maximum \(max)") }
        }
        if let members = value.object {
            let properties = rules["properties"]?.object ?? [:]
            for name in rules["required"]?.array.compactMap(\.string) ?? [] where members[name] == nil {
                errors.append("\(path): missing required '\(name)'")
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] {
                    errors += self.errors(member, property, at: "\(path).\(name)")
                } else if let extra = rules["additionalProperties"] {
                    if extra == .bool(false) {
                        errors.append("\(path): unexpected property '\(name)'")
                    } else if extra.object != nil {
                        errors += self.errors(member, extra, at: "\(path).\(name)")
                    }
                }
            }
        }
        if case .array(let items) = value, let schema = rules["items"] {
            for (i, item) in items.enumerated() { errors += self.errors(item, schema, at: "\(path)[\(i)]") }
        }
        return errors
    }

    /// A local JSON pointer (`#/components/schemas/Plan`).
    func resolve(_ ref: String) -> JSON? {
        guard ref.hasPrefix("#/") else { return nil }
        var node = document
        for part in ref.dropFirst(2).split(separator: "/") {
            guard let next = node.object?[String(part)] else { return nil }
            node = next
        }
        return node
    }

    private static func value(_ value: JSON, is type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
             ("object", .object): true
        case ("integer", .number(let n)): n.rounded() == n
        default: false
        }
    }

    private static func describe(_ value: JSON) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let n): "\(n)"
        case .string(let s): "\"\(s.prefix(40))\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// The OpenAPI document as a test reads it: which documented path a URL is, and the schema of each response.
struct OpenAPISpec {
    let json: JSON
    var validator: SchemaValidator { SchemaValidator(document: json) }

    var paths: [String] { json["paths"].object.map { Array($0.keys).sorted() } ?? [] }

    /// The documented path a concrete one instantiates: `/api/v1/plans/x` is `/api/v1/plans/{plan}`.
    func template(for path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return paths.first { template in
            let pattern = template.split(separator: "/", omittingEmptySubsequences: false)
            return pattern.count == parts.count && zip(pattern, parts).allSatisfy { p, s in
                (p.hasPrefix("{") && p.hasSuffix("}") && !s.isEmpty) || p == s
            }
        }
    }

    /// The JSON schema of a GET's response with `status`, nil when the document does not list that status.
    func responseSchema(template: String, status: Int) -> JSON? {
        var response = json["paths"][template]["get"]["responses"][String(status)]
        if let ref = response["$ref"].string { response = validator.resolve(ref) ?? .null }
        let schema = response["content"]["application/json"]["schema"]
        return schema.isNull ? nil : schema
    }

    /// The names of the query parameters a path documents.
    func queryParameters(template: String) -> Set<String> {
        Set(json["paths"][template]["get"]["parameters"].array.filter { $0["in"].string == "query" }.compactMap { $0["name"].string })
    }
}
