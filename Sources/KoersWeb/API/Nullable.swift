/// An optional written as `null` instead of being left out: every documented key is always present, so a client (and
/// the OpenAPI `required` lists) can tell "no value" from "not reported". Synthesized `Encodable` drops nil keys.
@propertyWrapper
struct Nullable<Value> {
    var wrappedValue: Value?

    // Declared, not synthesized: only a declared `init(wrappedValue:)` lets memberwise initializers take a plain optional.
    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }
}

extension Nullable: Sendable where Value: Sendable {}

extension Nullable: Encodable where Value: Encodable {
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let value = wrappedValue { try c.encode(value) } else { try c.encodeNil() }
    }
}

extension Nullable: Decodable where Value: Decodable {
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        wrappedValue = c.decodeNil() ? nil : try c.decode(Value.self)
    }
}
