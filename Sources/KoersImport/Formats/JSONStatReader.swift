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

