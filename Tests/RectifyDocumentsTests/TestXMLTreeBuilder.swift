import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Builds a `TestXMLNode` tree from parser events.
final class TestXMLTreeBuilder: NSObject, XMLParserDelegate {
    private(set) var root: TestXMLNode?
    private var stack: [TestXMLNode] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let node = TestXMLNode(name: elementName, attributes: attributeDict)
        node.parent = stack.last
        stack.last?.children.append(node)
        if root == nil { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        stack.removeLast()
    }
}
