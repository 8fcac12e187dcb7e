import Foundation
import RectifyCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a rectification ledger from an .xlsx workbook: the sheet named 整改台账 or else the
/// first sheet; the header row (possibly under a title row) and its columns found by header
/// names and their synonyms; merged cells filled from their top-left cell; deadlines from
/// date cells or date text.
public enum LedgerWorkbookReader {
    /// Rows searched for the header.
    static let headerSearchRows = 20

    /// Reads within `limits`; a refusal by a limit is thrown as `UploadLimitExceeded`.
    public static func read(data: Data, limits: UploadLimits = .standard) throws -> [LedgerRow] {
        let archive: BoundedArchive
        do {
            archive = try BoundedArchive(data: data, limits: limits)
        } catch let damaged as BoundedArchive.Damaged {
            throw LedgerWorkbookError.notAWorkbook(damaged.reason)
        }
        let (sheetName, sheetPath) = try locateSheet(in: archive)
        let dateStyles = try readDateStyles(archive)
        let sharedStrings = try readSharedStrings(archive)
        guard let sheetData = try part(sheetPath, archive) else { throw LedgerWorkbookError.missingPart(sheetPath) }
        let handler = WorksheetXMLHandler(sharedStrings: sharedStrings, dateStyles: dateStyles, limits: limits, part: sheetPath)
        let parser = XMLParser(data: sheetData)
        parser.delegate = handler
        let parsed = parser.parse()
        if let refusal = handler.refusal { throw refusal }
        if let damage = handler.damage { throw LedgerWorkbookError.malformedPart(sheetPath, damage) }
        guard parsed else {
            throw LedgerWorkbookError.malformedPart(sheetPath, parser.parserError.map { String(describing: $0) } ?? "无法解析")
        }
        var grid = handler.rows
        try fillMerges(handler.merges, in: &grid)
        return try rows(from: grid, sheet: sheetName)
    }

    /// Cells a workbook's merged ranges may fill in all: ten times the 300,000-row ledger's need.
    static let mergedCellLimit = 5_000_000

    /// Copies each merged range's top-left value into the range's other cells. Only rows and
    /// columns the sheet uses are filled, so a range such as `A1:XFD1048576` costs no more than the
    /// data it covers; a workbook whose ranges would still fill more than `mergedCellLimit` cells
    /// is refused rather than allowed to exhaust memory.
    static func fillMerges(_ merges: [(Int, Int, Int, Int)], in grid: inout [Int: [Int: WorksheetCell]]) throws {
        guard !merges.isEmpty else { return }
        let usedRows = grid.keys.sorted()
        let lastUsedColumn = grid.values.lazy.compactMap { $0.keys.max() }.max() ?? 0
        var filled = 0
        for (firstColumn, firstRow, lastColumn, lastRow) in merges {
            guard let value = grid[firstRow]?[firstColumn], lastRow >= firstRow, lastColumn >= firstColumn else { continue }
            let columns = firstColumn...min(lastColumn, max(lastUsedColumn, firstColumn))
            var low = 0, high = usedRows.count
            while low < high {
                let middle = (low + high) / 2
                if usedRows[middle] < firstRow { low = middle + 1 } else { high = middle }
            }
            for row in usedRows[low...].prefix(while: { $0 <= lastRow }) {
                filled += columns.count
                if filled > mergedCellLimit {
                    throw LedgerWorkbookError.malformedPart("合并单元格", "合并区域过大（超过\(mergedCellLimit)个单元格）")
                }
                for column in columns where row != firstRow || column != firstColumn {
                    grid[row, default: [:]][column] = value
                }
            }
        }
    }

    private static func rows(from grid: [Int: [Int: WorksheetCell]], sheet: String) throws -> [LedgerRow] {
        let rowNumbers = grid.keys.sorted()
        var header: (row: Int, columns: [LedgerColumn: Int], labels: [LedgerColumn: String])?
        for row in rowNumbers.prefix(headerSearchRows) {
            var columns: [LedgerColumn: Int] = [:]
            var labels: [LedgerColumn: String] = [:]
            for (column, cell) in (grid[row] ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let kind = LedgerColumn.matching(header: cell.text), columns[kind] == nil else { continue }
                columns[kind] = column
                labels[kind] = cell.text.filter { !$0.isWhitespace }
            }
            if columns.count >= 3, columns[.problem] != nil || columns[.measure] != nil {
                header = (row, columns, labels)
                break
            }
        }
        guard let header else { throw LedgerWorkbookError.headerNotFound(sheet: sheet) }
        var result: [LedgerRow] = []
        for row in rowNumbers where row > header.row {
            let cells = grid[row] ?? [:]
            func text(_ column: LedgerColumn) -> String {
                guard let index = header.columns[column], let cell = cells[index] else { return "" }
                if cell.isDate, let number = cell.number, let day = SpreadsheetDate.day(fromSerial: number) { return day.iso }
                return cell.text
            }
            let mapped = header.columns.values.compactMap { cells[$0] }
            guard mapped.contains(where: { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) else { continue }
            var deadline: Day?
            var deadlineNote = ""
            if let index = header.columns[.deadline], let cell = cells[index] {
                let reading = try readDeadline(cell, sheet: sheet, row: row, column: index,
                                               header: header.labels[.deadline] ?? LedgerColumn.deadline.header)
                deadline = reading.0
                deadlineNote = reading.1
            }
            let problem = LedgerProblem(sequence: text(.sequence), source: text(.source), category: text(.category), title: text(.problem))
            let measure = LedgerMeasure(text: text(.measure), leader: text(.leader), leadUnit: text(.leadUnit),
                                        supportingUnits: text(.supportingUnits), deadline: deadline, deadlineNote: deadlineNote,
                                        completion: text(.completion), evidence: text(.evidence),
                                        kind: text(.kind).trimmingCharacters(in: .whitespacesAndNewlines))
            result.append(LedgerRow(problem: problem, measure: measure))
        }
        return result
    }

    private static func readDeadline(_ cell: WorksheetCell, sheet: String, row: Int, column: Int, header: String) throws -> (Day?, String) {
        if let number = cell.number {
            if number >= 19_000_101, number <= 99_991_231,
               case .date(let day) = LedgerDeadlineText.read(WorksheetXMLHandler.plain(number)) {
                return (day, "")
            }
            if let day = SpreadsheetDate.day(fromSerial: number) { return (day, "") }
        } else {
            let trimmed = cell.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return (nil, "") }
            switch LedgerDeadlineText.read(trimmed) {
            case .date(let day): return (day, "")
            case .note(let day, let note): return (day, note)
            case .invalid: break
            }
        }
        throw LedgerWorkbookError.invalidDate(sheet: sheet, row: row, column: SpreadsheetCellReference.letters(forColumn: column),
                                              header: header, text: cell.text)
    }

    /// The ledger sheet's name and part path.
    private static func locateSheet(in archive: BoundedArchive) throws -> (String, String) {
        guard let workbook = try part("xl/workbook.xml", archive) else { throw LedgerWorkbookError.missingPart("xl/workbook.xml") }
        guard let sheets = XMLAttributeCollector.collect("sheet", from: workbook) else {
            throw LedgerWorkbookError.malformedPart("xl/workbook.xml", "无法解析")
        }
        guard let chosen = sheets.first(where: { $0["name"] == LedgerWorkbookParts.sheetName }) ?? sheets.first,
              let relationshipID = chosen["id"] else { throw LedgerWorkbookError.noWorksheet }
        let name = chosen["name"] ?? "Sheet1"
        guard let relsData = try part("xl/_rels/workbook.xml.rels", archive) else {
            throw LedgerWorkbookError.missingPart("xl/_rels/workbook.xml.rels")
        }
        guard let relationships = XMLAttributeCollector.collect("Relationship", from: relsData),
              let target = relationships.first(where: { $0["Id"] == relationshipID })?["Target"] else {
            throw LedgerWorkbookError.malformedPart("xl/_rels/workbook.xml.rels", "找不到工作表“\(name)”的关系 \(relationshipID)")
        }
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        return (name, path)
    }

    private static func readDateStyles(_ archive: BoundedArchive) throws -> Set<Int> {
        guard let data = try part("xl/styles.xml", archive) else { return [] }
        let handler = SpreadsheetStylesXMLHandler()
        let parser = XMLParser(data: data)
        parser.delegate = handler
        guard parser.parse() else { throw LedgerWorkbookError.malformedPart("xl/styles.xml", "无法解析") }
        return handler.dateStyles
    }

    private static func readSharedStrings(_ archive: BoundedArchive) throws -> [String] {
        guard let data = try part("xl/sharedStrings.xml", archive) else { return [] }
        let handler = SharedStringsXMLHandler()
        let parser = XMLParser(data: data)
        parser.delegate = handler
        guard parser.parse() else { throw LedgerWorkbookError.malformedPart("xl/sharedStrings.xml", "无法解析") }
        return handler.strings
    }

    private static func part(_ path: String, _ archive: BoundedArchive) throws -> Data? {
        let data: Data?
        do {
            data = try archive.read(path)
        } catch let damaged as BoundedArchive.Damaged {
            throw LedgerWorkbookError.malformedPart(path, damaged.reason)
        }
        // XMLParser on Linux takes the process down on some inputs, so such a part is refused first.
        if let data, let refusal = XMLPartCheck.refusal(data) { throw LedgerWorkbookError.malformedPart(path, refusal) }
        return data
    }
}
