import Foundation
import RectifyCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a worksheet's cells (shared, inline and formula strings, numbers, booleans) and its
/// merged ranges.
final class WorksheetXMLHandler: NSObject, XMLParserDelegate {
    /// Cells by 1-based row, then 0-based column.
    private(set) var rows: [Int: [Int: WorksheetCell]] = [:]
    /// Merged ranges as (first column, first row, last column, last row).
    private(set) var merges: [(Int, Int, Int, Int)] = []

    private let sharedStrings: [String]
    private let dateStyles: Set<Int>
    private var row = 0
    private var column = -1
    private var type = ""
    private var style = 0
    private var value = ""
    private var inlineText = ""
    private var inValue = false
    private var inInlineText = false
    private var inPhonetic = false
    private var inCell = false

    /// Why reading stopped, when a limit was reached.
    private(set) var refusal: UploadLimitExceeded?
    /// Why reading stopped, when the sheet is damaged.
    private(set) var damage: String?
    /// What the cells may still hold: their number, and their text (a shared string used by every
    /// cell costs its length each time, the quadratic shared-strings bomb).
    private var cellsLeft: Int
    private var textBudget: Int
    private let limits: UploadLimits
    private let part: String

    init(sharedStrings: [String], dateStyles: Set<Int>, limits: UploadLimits, part: String) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.cellsLeft = limits.maxWorksheetCells
        self.textBudget = limits.maxUncompressedBytes
        self.limits = limits
        self.part = part
    }

    private func refuse(_ parser: XMLParser, _ refusal: UploadLimitExceeded) {
        guard self.refusal == nil else { return }
        self.refusal = refusal
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch XMLAttributeCollector.local(elementName) {
        case "row":
            // A row number outside Excel's grid is damage: count on from the previous row instead.
            if let number = attributeDict["r"].flatMap(Int.init), (1...SpreadsheetCellReference.rowCount).contains(number) {
                row = number
            } else {
                row = min(row + 1, SpreadsheetCellReference.rowCount)
            }
            column = -1
        case "c":
            inCell = true
            if let reference = attributeDict["r"], let parsed = SpreadsheetCellReference.parse(reference) {
                column = parsed.column
                row = parsed.row
            } else {
                column += 1
            }
            // A cell without a reference counts on; past Excel's last column it is damage, not data.
            if column >= SpreadsheetCellReference.columnCount, damage == nil, refusal == nil {
                damage = "第\(row)行的单元格超出工作表的最大列数（\(SpreadsheetCellReference.columnCount)列）"
                parser.abortParsing()
            }
            type = attributeDict["t"] ?? "n"
            style = attributeDict["s"].flatMap(Int.init) ?? 0
            value = ""
            inlineText = ""
        case "v" where inCell: inValue = true
        case "rPh": inPhonetic = true
        case "t" where inCell: inInlineText = !inPhonetic
        case "mergeCell":
            if let reference = attributeDict["ref"] {
                let ends = reference.split(separator: ":")
                if let first = ends.first, let start = SpreadsheetCellReference.parse(String(first)) {
                    let end = ends.count > 1 ? SpreadsheetCellReference.parse(String(ends[1])) ?? start : start
                    merges.append((start.column, start.row, end.column, end.row))
                }
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { value += string } else if inInlineText { inlineText += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch XMLAttributeCollector.local(elementName) {
        case "v": inValue = false
        case "t": inInlineText = false
        case "rPh": inPhonetic = false
        case "c":
            inCell = false
            guard refusal == nil, damage == nil, let cell = makeCell() else { break }
            cellsLeft -= 1
            textBudget -= cell.text.utf8.count
            if cellsLeft < 0 {
                refuse(parser, UploadLimitExceeded(.worksheetCells, value: limits.maxWorksheetCells, part: part))
            } else if textBudget < 0 {
                refuse(parser, UploadLimitExceeded(.uncompressedSize, value: limits.maxUncompressedBytes, part: part))
            } else {
                rows[row, default: [:]][column] = cell
            }
        default: break
        }
    }

    private func makeCell() -> WorksheetCell? {
        switch type {
        case "s":
            guard let index = Int(value.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index) else { return nil }
            return WorksheetCell(text: sharedStrings[index], number: nil, isDate: false)
        case "inlineStr":
            return WorksheetCell(text: inlineText, number: nil, isDate: false)
        case "str", "e", "d":
            return value.isEmpty ? nil : WorksheetCell(text: value, number: nil, isDate: type == "d")
        case "b":
            return WorksheetCell(text: value == "1" ? "TRUE" : "FALSE", number: nil, isDate: false)
        default:
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            guard let number = Double(trimmed) else { return WorksheetCell(text: trimmed, number: nil, isDate: false) }
            return WorksheetCell(text: Self.plain(number), number: number, isDate: dateStyles.contains(style))
        }
    }

    /// 3.0 → "3", 2.5 → "2.5".
    static func plain(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }
}
