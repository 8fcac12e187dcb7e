import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A minimal DOM for assertions on generated XML parts.
final class TestXMLNode {
    let name: String
    let attributes: [String: String]
    var children: [TestXMLNode] = []
    var text = ""
    weak var parent: TestXMLNode?

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    static func parse(_ data: Data) throws -> TestXMLNode {
        let builder = TestXMLTreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw TestXMLError(message: "XML did not parse: \(String(describing: parser.parserError))")
        }
        return root
    }

    /// All descendants (and self) with the given qualified name, in document order.
    func all(_ name: String) -> [TestXMLNode] {
        var result: [TestXMLNode] = []
        if self.name == name { result.append(self) }
        for child in children { result += child.all(name) }
        return result
    }

    func first(_ name: String) -> TestXMLNode? {
        if self.name == name { return self }
        for child in children {
            if let found = child.first(name) { return found }
        }
        return nil
    }

    func child(_ name: String) -> TestXMLNode? {
        children.first { $0.name == name }
    }

    subscript(attribute: String) -> String? { attributes[attribute] }

    /// The concatenated text of all descendants.
    var allText: String {
        text + children.map(\.allText).joined()
    }
}
