import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the paragraphs of `word/document.xml`: text runs, tabs and breaks, with the label of
/// automatic numbering put back in front. Deleted text and field codes are not in `w:t`, so
/// they are left out by construction; `mc:Fallback` repeats `mc:Choice` and is skipped.
final class ReportDocxBody: NSObject, XMLParserDelegate {
    private let numbering: ReportDocxNumbering
    private(set) var lines: [ReportLine] = []
    private var paragraphCount = 0
    /// Paragraphs can nest (text boxes), so each open one has its own buffer.
    private var open: [(text: String, numId: String?, level: Int, number: Int)] = []
    private var inText = false
    private var fallbackDepth = 0
    /// Tables being read (nested ones read into their outer cell) with the row and cell open in each.
    private var tables: [(table: ReportDocxTable, row: [ReportDocxTable.Cell], cell: ReportDocxTable.Cell?)] = []

    init(numbering: ReportDocxNumbering) {
        self.numbering = numbering
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        let name = ReportDocxNumbering.localName(elementName)
        if name == "Fallback" { fallbackDepth += 1 }
        guard fallbackDepth == 0 else { return }
        switch name {
        case "p":
            paragraphCount += 1
            open.append(("", nil, 0, paragraphCount))
        case "numId":
            if !open.isEmpty { open[open.count - 1].numId = ReportDocxNumbering.attribute("val", in: attributes) }
        case "ilvl":
            if !open.isEmpty { open[open.count - 1].level = ReportDocxNumbering.attribute("val", in: attributes).flatMap(Int.init) ?? 0 }
        case "t":
            inText = true
        case "tbl":
            tables.append((ReportDocxTable(), [], nil))
        case "tr":
            if !tables.isEmpty { tables[tables.count - 1].row = [] }
        case "tc":
            if !tables.isEmpty { tables[tables.count - 1].cell = ReportDocxTable.Cell() }
        case "gridSpan":
            if !tables.isEmpty, tables[tables.count - 1].cell != nil {
                tables[tables.count - 1].cell!.span = ReportDocxNumbering.attribute("val", in: attributes).flatMap(Int.init) ?? 1
            }
        case "vMerge":
            if !tables.isEmpty, tables[tables.count - 1].cell != nil {
                tables[tables.count - 1].cell!.continuesAbove = ReportDocxNumbering.attribute("val", in: attributes) != "restart"
            }
        case "tab":
            append("\t")
        case "br", "cr":
            append("\n")
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let name = ReportDocxNumbering.localName(elementName)
        if name == "Fallback" {
            fallbackDepth -= 1
            return
        }
        guard fallbackDepth == 0 else { return }
        if name == "t" { inText = false }
        if name == "tc", !tables.isEmpty, let cell = tables[tables.count - 1].cell {
            tables[tables.count - 1].row.append(cell)
            tables[tables.count - 1].cell = nil
        }
        if name == "tr", !tables.isEmpty {
            tables[tables.count - 1].table.rows.append(tables[tables.count - 1].row)
            tables[tables.count - 1].row = []
        }
        if name == "tbl", let finished = tables.popLast() {
            add(finished.table.lines())
        }
        if name == "p", let paragraph = open.popLast() {
            var text = paragraph.text
            if let numId = paragraph.numId {
                let label = numbering.nextLabel(numId: numId, level: paragraph.level)
                if !label.isEmpty { text = label + text }
            }
            // A paragraph in a table cell is the cell's; the table is written out when it ends.
            if !tables.isEmpty, tables[tables.count - 1].cell != nil {
                tables[tables.count - 1].cell!.paragraphs.append((text.replacingOccurrences(of: "\n", with: " "), paragraph.number))
                return
            }
            // A line break inside a paragraph starts a new line that keeps the paragraph's number.
            var parsed: [ReportLine] = []
            for part in text.split(separator: "\n", omittingEmptySubsequences: true) {
                let line = ReportLine(number: paragraph.number, text: String(part))
                if !line.original.isEmpty { parsed.append(line) }
            }
            add(parsed)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText && fallbackDepth == 0 { append(string) }
    }

    /// Lines go to the open table cell of a nested table's parent, else to the body.
    private func add(_ new: [ReportLine]) {
        if !tables.isEmpty, tables[tables.count - 1].cell != nil {
            tables[tables.count - 1].cell!.paragraphs += new.map { ($0.original, $0.number) }
        } else {
            lines += new
        }
    }

    private func append(_ text: String) {
        guard !open.isEmpty else { return }
        open[open.count - 1].text += text
    }
}
