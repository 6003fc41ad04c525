import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A produced SVG parsed back with XMLParser: parsing fails unless the output is well-formed XML, and the elements
/// let tests check structure and positions rather than string fragments.
struct SVGDocument {
    struct Element {
        let name: String
        let attributes: [String: String]
        /// Text directly inside the element.
        var text: String
        /// The element's ancestors' names and their indices in `elements`, outermost first.
        let ancestors: [String]
        let parents: [Int]

        func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
        var classes: [String] { attributes["class"]?.split(separator: " ").map(String.init) ?? [] }
    }

    let elements: [Element]
    let source: String

    init(_ svg: String) throws {
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            throw ParseFailure(message: "\(parser.parserError.map(String.init(describing:)) ?? "unknown") at line \(parser.lineNumber)")
        }
        elements = collector.elements
        source = svg
    }

    struct ParseFailure: Error, CustomStringConvertible { let message: String; var description: String { message } }

    func all(_ name: String, class className: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (className == nil || $0.classes.contains(className!)) }
    }

    var root: Element? { elements.first }

    /// The index of `element`'s nearest ancestor with class `className`, if any.
    func ancestor(of element: Element, class className: String) -> Int? {
        element.parents.last { elements[$0].classes.contains(className) }
    }

    /// The texts inside elements of class `className`, grouped by that element (in document order).
    func texts(inside className: String) -> [[String]] {
        let groups = Dictionary(grouping: all("text").filter { ancestor(of: $0, class: className) != nil }) {
            ancestor(of: $0, class: className)!
        }
        return groups.keys.sorted().map { groups[$0]!.map(\.text) }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append(Element(name: name, attributes: attributes, text: "", ancestors: open.map { elements[$0].name },
                                    parents: open))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }
    }
}

/// Whether SVG text holds "NaN", "nan", "inf" or "infinity" as a word (so a label like "Infrastructuur" passes).
func hasNonFinite(_ svg: String) -> Bool {
    svg.range(of: #"\b(nan|inf|infinity)\b"#, options: [.regularExpression, .caseInsensitive]) != nil
}

/// Every number in the geometry attributes and path data of `document`, for checking they are all finite.
func geometryNumbers(_ document: SVGDocument) -> [Double] {
    let attributes = ["x", "y", "cx", "cy", "r", "width", "height", "x1", "x2", "y1", "y2"]
    return document.elements.flatMap { element in
        attributes.compactMap { element.attributes[$0] }.filter { !$0.hasSuffix("%") }.map { Double($0) ?? .nan }
            + (element.attributes["d"].map(pathNumbers) ?? [])
    }
}

/// The numbers in SVG path data ("M1 2L3.5-4H.5" → 1, 2, 3.5, -4, 0.5); a minus sign also starts a number.
func pathNumbers(_ d: String) -> [Double] {
    var tokens: [String] = [], current = ""
    for c in d {
        if c.isLetter || c == " " || c == "," || c == "-" {
            if !current.isEmpty { tokens.append(current) }
            current = c == "-" ? "-" : ""
        } else {
            current.append(c)
        }
    }
    if !current.isEmpty { tokens.append(current) }
    return tokens.map { Double($0) ?? .nan }
}
