import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads xl/styles.xml far enough to know which cell styles show dates.
final class SpreadsheetStylesXMLHandler: NSObject, XMLParserDelegate {
    private var formatCodes: [Int: String] = [:]
    private var cellFormatIDs: [Int] = []
    private var inCellXfs = false

    /// Indexes into cellXfs whose number format is a date format.
    var dateStyles: Set<Int> {
        var result = Set<Int>()
        for (index, id) in cellFormatIDs.enumerated() where SpreadsheetDate.isDateFormat(id: id, code: formatCodes[id]) {
            result.insert(index)
        }
        return result
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch XMLAttributeCollector.local(elementName) {
        case "numFmt":
            if let id = attributeDict["numFmtId"].flatMap(Int.init), let code = attributeDict["formatCode"] {
                formatCodes[id] = code
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
            cellFormatIDs.append(attributeDict["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if XMLAttributeCollector.local(elementName) == "cellXfs" { inCellXfs = false }
    }
}
