import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects paragraph texts from word/document.xml: each paragraph outside tables is one
/// entry; each table row is one entry, its cells joined with a tab and the paragraphs inside
/// a cell joined with a line break.
final class DocxParagraphCollector: NSObject, XMLParserDelegate {
    private(set) var paragraphs: [String] = []
    private var paragraph = ""
    private var inText = false
    private var tableDepth = 0
    private var cell: [String] = []
    private var row: [String] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch elementName {
        case "w:p": paragraph = ""
        case "w:t": inText = true
        case "w:tab": paragraph += "\t"
        case "w:br", "w:cr":
            let type = attributeDict["w:type"] ?? "textWrapping"
            if type == "textWrapping" { paragraph += "\n" }
        case "w:tbl": tableDepth += 1
        case "w:tr" where tableDepth == 1: row = []
        case "w:tc" where tableDepth == 1: cell = []
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { paragraph += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch elementName {
        case "w:t": inText = false
        case "w:p":
            if tableDepth > 0 {
                cell.append(paragraph)
            } else if !paragraph.isEmpty {
                paragraphs.append(paragraph)
            }
            paragraph = ""
        case "w:tc" where tableDepth == 1:
            row.append(cell.joined(separator: "\n"))
        case "w:tr" where tableDepth == 1:
            paragraphs.append(row.joined(separator: "\t"))
        case "w:tbl": tableDepth = max(0, tableDepth - 1)
        default: break
        }
    }
}
