import KoersCore

/// Reads JSON-stat 1.0 and 2.0: a single dataset, a 1.0 bundle (an object of datasets) or a 2.0 collection with
/// embedded datasets. Each value becomes one record; the `geo`, `time` and `metric` dimensions (by role, or by a
/// common id when roles are absent) give region, period and indicator, all other dimensions go to `breakdown`.
///
/// A file whose structure does not add up (sizes, indexes, value count) throws `DataFileError` before any record
/// is emitted, so an import never stops half-way through a file.
public struct JSONStatReader: RecordReader {
    public init() {}

    public func read(_ data: [UInt8], name: String, emit: (SourceRecord) throws -> Void) throws {
        var parser = JSONParser(bytes: data, file: name)
        let root = try parser.document()
        let cubes = try JSONStatDocument(file: name).datasets(in: root).map { try Cube($0.node, context: $0.context, file: name) }
        for cube in cubes { try cube.emitRecords(file: name, emit) }
    }
}

// MARK: - Finding the datasets

/// Finds the datasets of a JSON-stat document, whichever of the three shapes it has.
private struct JSONStatDocument {
    let file: String

    func fail(_ node: JSONNode, _ message: String) -> DataFileError {
        DataFileError([Diagnostic(file: file, line: node.line, column: node.column, message: message)])
    }

    func datasets(in root: JSONNode) throws -> [(node: JSONNode, context: String)] {
        guard case .object(let members) = root.kind else {
            throw fail(root, "a JSON-stat file is an object, but this one starts with \(root.kindName)")
        }
        let classNode = root["class"]
        switch classNode?.string {
        case "dataset":
            return [(root, "")]
        case "collection":
            let found = try collection(root, path: "")
            guard !found.isEmpty else { throw fail(root, "this collection holds no datasets") }
            return found
        case "dimension":
            throw fail(root, "this JSON-stat file describes a dimension, not a dataset: it has no values")
        case nil, "bundle":
            // 1.0 without `class`: a dataset itself, or a bundle whose members are datasets.
            if root["value"] != nil || root["dimension"] != nil { return [(root, "")] }
            let found = members.filter { $0.value["value"] != nil || $0.value["dimension"] != nil }
                .map { (node: $0.value, context: "dataset `\($0.key)`: ") }
            guard !found.isEmpty else {
                throw fail(root, "no JSON-stat dataset found: expected `\"class\": \"dataset\"`, a collection, or an object of datasets (a 1.0 bundle)")
            }
            return found
        case let other?:
            throw fail(classNode ?? root, "unknown JSON-stat class `\(other)` (expected dataset, collection or bundle)")
        }
    }

    /// The embedded datasets of a collection, nested collections included. Items that only link to a dataset are
    /// errors: reading none of them silently would import nothing without saying so.
    private func collection(_ node: JSONNode, path: String) throws -> [(node: JSONNode, context: String)] {
        guard let items = node["link"]?["item"]?.array else {
            throw fail(node, "this collection has no `link.item` list")
        }
        var found: [(node: JSONNode, context: String)] = []
        var problems: [Diagnostic] = []
        for (n, item) in items.enumerated() {
            let label = path + "collection item \(n + 1)"
            switch item["class"]?.string {
            case "collection":
                do { found += try collection(item, path: label + ", ") } catch let error as DataFileError {
                    problems += error.diagnostics
                }
            case "dataset":
                if item["value"] != nil || item["dimension"] != nil {
                    found.append((item, label + ": "))
                } else {
                    let title = item["label"]?.string.map { " (“\($0)”)" } ?? ""
                    let href = item["href"]?.string.map { " at \($0)" } ?? ""
                    problems.append(Diagnostic(file: file, line: item.line, column: item.column,
                                               message: "\(label)\(title) only links to its data\(href): only datasets embedded in the collection can be read"))
                }
            default:
                continue  // dimensions and other links carry no values
            }
        }
        if !problems.isEmpty { throw DataFileError(problems) }
        return found
    }
}

// MARK: - One dataset

/// A validated dataset: its dimensions in `id` order and its values by flat index.
private struct Cube {
    struct Dimension {
        var id: String
        var categories: [String]
    }

    struct Cell {
        var index: Int
        var value: SourceValue
        var flags: [String]
        var line: Int
        var column: Int
    }

    var dimensions: [Dimension] = []
    var region: Int?
    var period: Int?
    var indicator: Int?
    /// What each period category is written as: its id, or its label when only the label reads as a period.
    var periods: [String] = []
    var cells: [Cell] = []

    static let regionIds: Set<String> = ["geo", "geo_code", "region", "area", "refnis"]
    static let periodIds: Set<String> = ["time", "year", "period", "date", "jaar"]
    static let indicatorIds: Set<String> = ["indicator", "concept", "metric", "measure"]

    init(_ ds: JSONNode, context: String, file: String) throws {
        func fail(_ node: JSONNode, _ message: String) -> DataFileError {
            DataFileError([Diagnostic(file: file, line: node.line, column: node.column, message: context + message)])
        }
        guard let dimensionNode = ds["dimension"], case .object = dimensionNode.kind else {
            throw fail(ds, "the dataset has no `dimension` object")
        }
        guard let valueNode = ds["value"] else { throw fail(ds, "the dataset has no `value`") }
        // 2.0 puts id, size and role beside `dimension`; 1.0 puts them inside it.
        guard let idNode = ds["id"] ?? dimensionNode["id"], let idItems = idNode.array else {
            throw fail(dimensionNode, "the dataset has no `id` list naming its dimensions")
        }
        let sizeNode = ds["size"] ?? dimensionNode["size"]
        let roleNode = ds["role"] ?? dimensionNode["role"]

        for item in idItems {
            guard let id = item.string else { throw fail(item, "dimension ids in `id` must be text, not \(item.kindName)") }
            guard let node = dimensionNode[id] else {
                throw fail(item, "dimension `\(id)` is listed in `id` but not described in `dimension`")
            }
            dimensions.append(Dimension(id: id, categories: try Self.categories(of: node, id: id, fail: fail)))
        }
        guard !dimensions.isEmpty else { throw fail(idNode, "the dataset has no dimensions") }

        // `size` must agree with the categories. When it does not even have one entry per dimension (ONS's
        // QS104EW lists 3 sizes for 4 dimensions), the categories alone are unambiguous, so they decide.
        if let sizeNode {
            guard let sizeItems = sizeNode.array else { throw fail(sizeNode, "`size` must be a list of numbers") }
            if sizeItems.count == dimensions.count {
                for (dimension, item) in zip(dimensions, sizeItems) where item.int != dimension.categories.count {
                    throw fail(item, "dimension `\(dimension.id)` has size \(item.text) in `size` but \(dimension.categories.count) categories")
                }
            }
        }

        var total = 1
        for dimension in dimensions {
            let (product, overflow) = total.multipliedReportingOverflow(by: dimension.categories.count)
            guard !overflow else { throw fail(idNode, "the dimension sizes multiply to more values than a file can hold") }
            total = product
        }

        assignRoles(roleNode)
        if let period {
            let labels = Self.labels(of: dimensionNode[dimensions[period].id])
            periods = dimensions[period].categories.map { id in
                if !Self.startsWithDigit(id), let label = labels[id], Self.startsWithDigit(label) { return label }
                return id
            }
        }

        // Values: a dense array in cube order, or an object keyed by flat index (sparse).
        var entries: [(index: Int, node: JSONNode)] = []
        switch valueNode.kind {
        case .array(let items):
            guard items.count == total else {
                let sizes = dimensions.map { String($0.categories.count) }.joined(separator: " × ")
                throw fail(valueNode, "`value` has \(items.count) entries but the dimension sizes \(sizes) make \(total)")
            }
            entries = items.enumerated().map { (index: $0.offset, node: $0.element) }
        case .object(let members):
            for (key, node) in members {
                guard let index = Self.flatIndex(key, total: total) else {
                    throw fail(node, "`value` key `\(key)` is not a position from 0 to \(total - 1)")
                }
                entries.append((index, node))
            }
            entries.sort { $0.index < $1.index }
            for (a, b) in zip(entries, entries.dropFirst()) where a.index == b.index {
                throw fail(b.node, "`value` has position \(b.index) twice")
            }
        default:
            throw fail(valueNode, "`value` must be an array or an object, not \(valueNode.kindName)")
        }

        let status = try Self.status(ds["status"], total: total, fail: fail)
        cells.reserveCapacity(entries.count)
        for (index, node) in entries {
            let value: SourceValue
            switch node.kind {
            case .number(let number): value = .number(number)
            case .null: value = .missing
            case .string(let text): value = text.isEmpty ? .missing : .text(text)
            default: throw fail(node, "a value must be a number, text or null, not \(node.kindName)")
            }
            cells.append(Cell(index: index, value: value, flags: status(index), line: node.line, column: node.column))
        }
    }

    /// Category ids in index order: `category.index` as a list or an object of positions, else `label` order.
    private static func categories(of node: JSONNode, id: String, fail: (JSONNode, String) -> DataFileError) throws -> [String] {
        guard let category = node["category"] else { throw fail(node, "dimension `\(id)` has no `category`") }
        var ids: [String] = []
        if let index = category["index"] {
            switch index.kind {
            case .array(let items):
                for item in items {
                    guard let text = item.string else { throw fail(item, "category ids of dimension `\(id)` must be text") }
                    ids.append(text)
                }
            case .object(let members):
                var slots = [String?](repeating: nil, count: members.count)
                for (key, position) in members {
                    guard let p = position.int, p >= 0, p < members.count, slots[p] == nil else {
                        throw fail(position, "category `\(key)` of dimension `\(id)` has index \(position.text), which is not a free position from 0 to \(members.count - 1)")
                    }
                    slots[p] = key
                }
                ids = slots.compactMap { $0 }
            default:
                throw fail(index, "`category.index` of dimension `\(id)` must be a list or an object, not \(index.kindName)")
            }
        } else if case .object(let members)? = category["label"]?.kind {
            ids = members.map(\.key)
        } else {
            throw fail(category, "dimension `\(id)` lists no categories (neither `category.index` nor `category.label`)")
        }
        guard !ids.isEmpty else { throw fail(category, "dimension `\(id)` has no categories") }
        return ids
    }

    private static func labels(of node: JSONNode?) -> [String: String] {
        guard case .object(let members)? = node?["category"]?["label"]?.kind else { return [:] }
        var labels: [String: String] = [:]
        for (key, value) in members { if let text = value.string, labels[key] == nil { labels[key] = text } }
        return labels
    }

    /// Region, period and indicator: by role first (the first listed wins, so Galicia's `residence` rather than
    /// `birth`), then by a common dimension id, never the same dimension twice.
    private mutating func assignRoles(_ roleNode: JSONNode?) {
        var taken = Set<Int>()
        func pick(role: String, ids: Set<String>) -> Int? {
            for item in roleNode?[role]?.array ?? [] {
                if let id = item.string, let k = dimensions.firstIndex(where: { $0.id == id }), !taken.contains(k) {
                    taken.insert(k)
                    return k
                }
            }
            if let k = dimensions.indices.first(where: { !taken.contains($0) && ids.contains(dimensions[$0].id.lowercased()) }) {
                taken.insert(k)
                return k
            }
            return nil
        }
        region = pick(role: "geo", ids: Self.regionIds)
        period = pick(role: "time", ids: Self.periodIds)
        indicator = pick(role: "metric", ids: Self.indicatorIds)
    }

    /// The flags of each position: `status` as one text for all, a list (one entry for all, or one per value) or an
    /// object keyed by flat index.
    private static func status(_ node: JSONNode?, total: Int, fail: (JSONNode, String) -> DataFileError) throws -> (Int) -> [String] {
        func flags(_ node: JSONNode) throws -> [String] {
            switch node.kind {
            case .null: return []
            case .string(let text): return text.isEmpty ? [] : [text]
            default: throw fail(node, "a status must be text or null, not \(node.kindName)")
            }
        }
        guard let node else { return { _ in [] } }
        switch node.kind {
        case .null:
            return { _ in [] }
        case .string:
            let all = try flags(node)
            return { _ in all }
        case .array(let items):
            if items.count == 1 {
                let all = try flags(items[0])
                return { _ in all }
            }
            guard items.count == total else {
                throw fail(node, "`status` has \(items.count) entries but the dataset has \(total) values")
            }
            let list = try items.map(flags)
            return { list[$0] }
        case .object(let members):
            var byIndex: [Int: [String]] = [:]
            for (key, item) in members {
                guard let index = flatIndex(key, total: total) else {
                    throw fail(item, "`status` key `\(key)` is not a position from 0 to \(total - 1)")
                }
                byIndex[index] = try flags(item)
            }
            return { byIndex[$0] ?? [] }
        default:
            throw fail(node, "`status` must be text, a list or an object, not \(node.kindName)")
        }
    }

    private static func flatIndex(_ key: String, total: Int) -> Int? {
        guard !key.isEmpty, key.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let index = Int(key), index < total else { return nil }
        return index
    }

    private static func startsWithDigit(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return first >= 0x30 && first <= 0x39
    }

    func emitRecords(file: String, _ emit: (SourceRecord) throws -> Void) throws {
        // Row-major: the last dimension varies fastest.
        var strides = [Int](repeating: 1, count: dimensions.count)
        for k in stride(from: dimensions.count - 2, through: 0, by: -1) {
            strides[k] = strides[k + 1] * dimensions[k + 1].categories.count
        }
        let others = dimensions.indices.filter { $0 != region && $0 != period && $0 != indicator }
        var coordinates = [Int](repeating: 0, count: dimensions.count)
        for cell in cells {
            var rest = cell.index
            for k in dimensions.indices {
                coordinates[k] = rest / strides[k]
                rest %= strides[k]
            }
            var breakdown: [String: String] = [:]
            for k in others { breakdown[dimensions[k].id] = dimensions[k].categories[coordinates[k]] }
            try emit(SourceRecord(
                indicator: indicator.map { dimensions[$0].categories[coordinates[$0]] },
                region: region.map { dimensions[$0].categories[coordinates[$0]] } ?? "",
                period: period.map { periods[coordinates[$0]] } ?? "",
                breakdown: breakdown,
                value: cell.value,
                flags: cell.flags,
                location: Location(file: file, line: cell.line, column: cell.column)))
        }
    }
}

// MARK: - JSON

/// A JSON value and where it starts. Objects keep their members in file order, because JSON-stat orders categories
/// by `label` when `index` is absent and a bundle's datasets come in file order (`JSONSerialization` keeps neither).
private struct JSONNode {
    enum Kind {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONNode])
        case object([(key: String, value: JSONNode)])
    }

    var kind: Kind
    var line: Int
    var column: Int

    subscript(key: String) -> JSONNode? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }

    var string: String? {
        if case .string(let text) = kind { return text }
        return nil
    }

    var array: [JSONNode]? {
        if case .array(let items) = kind { return items }
        return nil
    }

    var int: Int? {
        guard case .number(let number) = kind, number == number.rounded(), abs(number) < 1e15 else { return nil }
        return Int(number)
    }

    /// The value as a message quotes it.
    var text: String {
        switch kind {
        case .number(let number): return int.map(String.init) ?? String(number)
        case .string(let text): return "\"\(text)\""
        default: return kindName
        }
    }

    var kindName: String {
        switch kind {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number: return "a number"
        case .string: return "text"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}

/// A strict JSON parser over bytes that knows the line and column (in characters) of every value, for messages
/// that point at the problem.
private struct JSONParser {
    let bytes: [UInt8]
    let file: String
    private var i = 0
    private var line = 1
    private var column = 1
    private var depth = 0

    /// Deeper nesting than any statistical file needs; the limit keeps hostile input from exhausting the stack.
    static let maxDepth = 512

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    }

    private func fail(_ message: String, line: Int? = nil, column: Int? = nil) -> DataFileError {
        DataFileError([Diagnostic(file: file, line: line ?? self.line, column: column ?? self.column, message: message)])
    }

    private var found: String {
        guard i < bytes.count else { return "the end of the file" }
        let b = bytes[i]
        return b >= 0x20 && b < 0x7F ? "`\(Character(Unicode.Scalar(b)))`" : "a non-ASCII character"
    }

    mutating func document() throws -> JSONNode {
        skipWhitespace()
        guard i < bytes.count else { throw fail("the file is empty") }
        let node = try value()
        skipWhitespace()
        guard i == bytes.count else { throw fail("unexpected \(found) after the end of the JSON document") }
        return node
    }

    private mutating func advance() {
        let b = bytes[i]
        i += 1
        if b == 0x0A {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1  // continuation bytes of UTF-8 are part of the previous character
        }
    }

    private mutating func skipWhitespace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { advance() }
    }

    private mutating func value() throws -> JSONNode {
        skipWhitespace()
        guard i < bytes.count else { throw fail("the file ends where a value should be (is it truncated?)") }
        let (l, c) = (line, column)
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return JSONNode(kind: .string(try string()), line: l, column: c)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return try literal()
        default: throw fail("expected a value (a number, text, true, false, null, a list or an object), found \(found)")
        }
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail("the JSON is nested more than \(Self.maxDepth) levels deep") }
    }

    private mutating func object() throws -> JSONNode {
        let (l, c) = (line, column)
        try enter()
        defer { depth -= 1 }
        advance()
        var members: [(key: String, value: JSONNode)] = []
        func unclosed() -> DataFileError { fail("this object is never closed (is the file truncated?)", line: l, column: c) }
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            advance()
            return JSONNode(kind: .object(members), line: l, column: c)
        }
        while true {
            skipWhitespace()
            guard i < bytes.count else { throw unclosed() }
            guard bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes, found \(found)") }
            let key = try string()
            skipWhitespace()
            guard i < bytes.count else { throw unclosed() }
            guard bytes[i] == UInt8(ascii: ":") else { throw fail("expected `:` after the key \"\(key)\", found \(found)") }
            advance()
            skipWhitespace()
            guard i < bytes.count else { throw unclosed() }
            members.append((key, try value()))
            skipWhitespace()
            guard i < bytes.count else { throw unclosed() }
            if bytes[i] == UInt8(ascii: ",") {
                advance()
            } else if bytes[i] == UInt8(ascii: "}") {
                advance()
                return JSONNode(kind: .object(members), line: l, column: c)
            } else {
                throw fail("expected `,` or `}` after the value of \"\(key)\", found \(found)")
            }
        }
    }

    private mutating func array() throws -> JSONNode {
        let (l, c) = (line, column)
        try enter()
        defer { depth -= 1 }
        advance()
        var items: [JSONNode] = []
        func unclosed() -> DataFileError { fail("this list is never closed (is the file truncated?)", line: l, column: c) }
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            advance()
            return JSONNode(kind: .array(items), line: l, column: c)
        }
        while true {
            skipWhitespace()
            guard i < bytes.count else { throw unclosed() }
            items.append(try value())
            skipWhitespace()
            guard i < bytes.count else { throw unclosed() }
            if bytes[i] == UInt8(ascii: ",") {
                advance()
            } else if bytes[i] == UInt8(ascii: "]") {
                advance()
                return JSONNode(kind: .array(items), line: l, column: c)
            } else {
                throw fail("expected `,` or `]` after an element of a list, found \(found)")
            }
        }
    }

    private mutating func string() throws -> String {
        let (l, c) = (line, column)
        advance()
        var buffer: [UInt8] = []
        func unclosed() -> DataFileError { fail("this text is never closed (is the file truncated?)", line: l, column: c) }
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                advance()
                guard let text = String(validating: buffer, as: UTF8.self) else {
                    throw fail("this text is not valid UTF-8", line: l, column: c)
                }
                return text
            case UInt8(ascii: "\\"):
                advance()
                guard i < bytes.count else { throw unclosed() }
                let escape = bytes[i]
                advance()
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"): buffer.append(contentsOf: try unicodeEscape())
                default: throw fail("unknown escape `\\\(Character(Unicode.Scalar(escape)))` in text")
                }
            case 0..<0x20:
                throw fail("a control character (such as a line break) inside text must be escaped")
            default:
                buffer.append(b)
                advance()
            }
        }
        throw unclosed()
    }

    /// The UTF-8 of a `\uXXXX` escape (after `\u`), joining a surrogate pair.
    private mutating func unicodeEscape() throws -> [UInt8] {
        var code = try hex4()
        if (0xD800..<0xDC00).contains(code) {
            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                throw fail("`\\u` escape of a lone surrogate in text")
            }
            advance()
            advance()
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("`\\u` escape of a lone surrogate in text") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else { throw fail("`\\u` escape of a lone surrogate in text") }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hex4() throws -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard i < bytes.count, let digit = Self.hexValue(bytes[i]) else { throw fail("`\\u` must be followed by four hexadecimal digits") }
            code = code << 4 | digit
            advance()
        }
        return code
    }

    private static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private mutating func number() throws -> JSONNode {
        let (l, c) = (line, column)
        let start = i
        while i < bytes.count, Self.isNumberByte(bytes[i]) { advance() }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard Self.isJSONNumber(bytes[start..<i]), let number = Double(text), number.isFinite else {
            throw fail("`\(text)` is not a valid number", line: l, column: c)
        }
        return JSONNode(kind: .number(number), line: l, column: c)
    }

    private static func isNumberByte(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
            || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
    }

    /// JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private static func isJSONNumber(_ s: ArraySlice<UInt8>) -> Bool {
        var k = s.startIndex
        func digits() -> Int {
            let from = k
            while k < s.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(s[k]) { k += 1 }
            return k - from
        }
        if k < s.endIndex, s[k] == UInt8(ascii: "-") { k += 1 }
        let integerStart = k
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || s[integerStart] != UInt8(ascii: "0") else { return false }
        if k < s.endIndex, s[k] == UInt8(ascii: ".") {
            k += 1
            guard digits() > 0 else { return false }
        }
        if k < s.endIndex, s[k] == UInt8(ascii: "e") || s[k] == UInt8(ascii: "E") {
            k += 1
            if k < s.endIndex, s[k] == UInt8(ascii: "+") || s[k] == UInt8(ascii: "-") { k += 1 }
            guard digits() > 0 else { return false }
        }
        return k == s.endIndex
    }

    private mutating func literal() throws -> JSONNode {
        let (l, c) = (line, column)
        let start = i
        while i < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[i]) { advance() }
        let word = String(decoding: bytes[start..<i], as: UTF8.self)
        switch word {
        case "true": return JSONNode(kind: .bool(true), line: l, column: c)
        case "false": return JSONNode(kind: .bool(false), line: l, column: c)
        case "null": return JSONNode(kind: .null, line: l, column: c)
        default: throw fail("unknown word `\(word)`: JSON knows only true, false and null", line: l, column: c)
        }
    }
}
