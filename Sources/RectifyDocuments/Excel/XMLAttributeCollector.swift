import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects the attributes of every element with a given local name (prefixes dropped from
/// element and attribute names), e.g. `sheet` in workbook.xml or `Relationship` in a .rels part.
final class XMLAttributeCollector: NSObject, XMLParserDelegate {
    private let localName: String
    private(set) var elements: [[String: String]] = []

    init(localName: String) {
        self.localName = localName
    }

    static func collect(_ localName: String, from data: Data) -> [[String: String]]? {
        let collector = XMLAttributeCollector(localName: localName)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        return parser.parse() ? collector.elements : nil
    }

    static func local(_ name: String) -> Substring {
        if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
        return Substring(name)
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard Self.local(elementName) == localName else { return }
        var attributes: [String: String] = [:]
        for (key, value) in attributeDict {
            attributes[String(Self.local(key))] = value
        }
        elements.append(attributes)
    }
}
