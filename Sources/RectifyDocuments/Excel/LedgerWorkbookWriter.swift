import Foundation
import ZIPFoundation

/// Streams the rectification ledger (整改台账) to an .xlsx file: one row per measure, the
/// problem's cells merged down across its measures, a frozen header row, column widths,
/// wrapped text, and deadlines as real date cells. Rows go to a temporary file as they are
/// appended, so memory stays flat however many rows are written.
public final class LedgerWorkbookWriter {
    public let url: URL
    private let directory: URL
    private let rows: StreamingFileWriter
    private let merges: StreamingFileWriter
    private var nextRow = 1
    private var mergeCount = 0
    private var finished = false
    /// Measure rows written so far (the header row not counted).
    public var rowCount: Int { nextRow - 2 }

    public init(url: URL) throws {
        self.url = url
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-ledger-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            rows = try StreamingFileWriter(url: directory.appendingPathComponent("rows.xml"))
            merges = try StreamingFileWriter(url: directory.appendingPathComponent("merges.xml"))
        } catch let error as LedgerWorkbookError {
            throw error
        } catch {
            throw LedgerWorkbookError.writeFailed(error.localizedDescription)
        }
        try writeHeader()
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    private func writeHeader() throws {
        var xml = "<row r=\"1\" ht=\"30\" customHeight=\"1\">"
        for column in LedgerColumn.allCases {
            xml += Self.inlineCell(column: column.rawValue, row: 1, text: column.header, style: LedgerWorkbookParts.headerStyle)
        }
        try write(xml + "</row>")
        nextRow = 2
    }

    /// Appends one problem and its measures: one row per measure (one empty-measure row when
    /// there is none), the problem's cells merged down across them.
    public func append(problem: LedgerProblem, measures: [LedgerMeasure]) throws {
        guard !finished else { throw LedgerWorkbookError.alreadyFinished }
        let first = nextRow
        let lines = measures.isEmpty ? [LedgerMeasure(text: "", leader: "", leadUnit: "", deadline: nil)] : measures
        for (index, measure) in lines.enumerated() {
            let row = nextRow
            var xml = "<row r=\"\(row)\">"
            if index == 0 {
                if Self.isPlainInteger(problem.sequence) {
                    xml += "<c r=\"A\(row)\" s=\"\(LedgerWorkbookParts.centredStyle)\"><v>\(problem.sequence)</v></c>"
                } else {
                    xml += Self.inlineCell(column: 0, row: row, text: problem.sequence, style: LedgerWorkbookParts.centredStyle)
                }
                xml += Self.inlineCell(column: 1, row: row, text: problem.source, style: LedgerWorkbookParts.centredStyle)
                xml += Self.inlineCell(column: 2, row: row, text: problem.category, style: LedgerWorkbookParts.textStyle)
                xml += Self.inlineCell(column: 3, row: row, text: problem.title, style: LedgerWorkbookParts.textStyle)
            } else {
                // Covered cells of the merge keep the border style.
                xml += "<c r=\"A\(row)\" s=\"\(LedgerWorkbookParts.centredStyle)\"/><c r=\"B\(row)\" s=\"\(LedgerWorkbookParts.centredStyle)\"/>"
                xml += "<c r=\"C\(row)\" s=\"\(LedgerWorkbookParts.textStyle)\"/><c r=\"D\(row)\" s=\"\(LedgerWorkbookParts.textStyle)\"/>"
            }
            xml += Self.inlineCell(column: 4, row: row, text: measure.text, style: LedgerWorkbookParts.textStyle)
            xml += Self.inlineCell(column: 5, row: row, text: measure.leader, style: LedgerWorkbookParts.centredStyle)
            xml += Self.inlineCell(column: 6, row: row, text: measure.leadUnit, style: LedgerWorkbookParts.centredStyle)
            xml += Self.inlineCell(column: 7, row: row, text: measure.supportingUnits, style: LedgerWorkbookParts.centredStyle)
            if !measure.deadlineNote.isEmpty {
                xml += Self.inlineCell(column: 8, row: row, text: measure.deadlineNote, style: LedgerWorkbookParts.dateStyle)
            } else if let deadline = measure.deadline {
                xml += "<c r=\"I\(row)\" s=\"\(LedgerWorkbookParts.dateStyle)\"><v>\(SpreadsheetDate.serial(of: deadline))</v></c>"
            } else {
                xml += "<c r=\"I\(row)\" s=\"\(LedgerWorkbookParts.dateStyle)\"/>"
            }
            xml += Self.inlineCell(column: 9, row: row, text: measure.completion, style: LedgerWorkbookParts.textStyle)
            xml += Self.inlineCell(column: 10, row: row, text: measure.evidence, style: LedgerWorkbookParts.textStyle)
            xml += Self.inlineCell(column: 11, row: row, text: measure.kind, style: LedgerWorkbookParts.centredStyle)
            try write(xml + "</row>")
            nextRow += 1
        }
        let last = nextRow - 1
        if last > first {
            var xml = ""
            for column in LedgerColumn.allCases where column.isProblemColumn {
                let letters = SpreadsheetCellReference.letters(forColumn: column.rawValue)
                xml += "<mergeCell ref=\"\(letters)\(first):\(letters)\(last)\"/>"
                mergeCount += 1
            }
            do { try merges.write(xml) } catch { throw LedgerWorkbookError.writeFailed(error.localizedDescription) }
        }
    }

    /// Completes the worksheet and writes the .xlsx package to `url` (replacing a file there).
    public func finish() throws {
        guard !finished else { throw LedgerWorkbookError.alreadyFinished }
        finished = true
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try rows.close()
            try merges.close()
            if FileManager.default.fileExists(atPath: url.path) {
                try FileManager.default.removeItem(at: url)
            }
            let archive = try Archive(url: url, accessMode: .create)
            let parts: [(String, String)] = [
                ("[Content_Types].xml", LedgerWorkbookParts.contentTypes),
                ("_rels/.rels", LedgerWorkbookParts.packageRelationships),
                ("xl/workbook.xml", LedgerWorkbookParts.workbook),
                ("xl/_rels/workbook.xml.rels", LedgerWorkbookParts.workbookRelationships),
                ("xl/styles.xml", LedgerWorkbookParts.styles),
                ("docProps/core.xml", LedgerWorkbookParts.coreProperties),
                ("docProps/app.xml", LedgerWorkbookParts.appProperties),
            ]
            for (path, xml) in parts {
                try OfficeArchive.add(xml, at: path, to: archive)
            }
            let source = SegmentedSource([
                .data(Data(LedgerWorkbookParts.worksheetHead(lastRow: nextRow - 1).utf8)),
                .file(rows.url, rows.bytesWritten),
                .data(Data(LedgerWorkbookParts.worksheetMiddle(mergeCount: mergeCount).utf8)),
                .file(merges.url, merges.bytesWritten),
                .data(Data(LedgerWorkbookParts.worksheetTail(mergeCount: mergeCount).utf8)),
            ])
            defer { source.close() }
            try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: source.totalSize,
                                 modificationDate: OfficeArchive.entryDate, compressionMethod: .deflate,
                                 bufferSize: 1 << 16) { position, size in
                try source.read(at: position, size: size)
            }
        } catch let error as LedgerWorkbookError {
            throw error
        } catch {
            throw LedgerWorkbookError.writeFailed(error.localizedDescription)
        }
    }

    private func write(_ xml: String) throws {
        do { try rows.write(xml) } catch { throw LedgerWorkbookError.writeFailed(error.localizedDescription) }
    }

    /// Digits only, without a leading zero, short enough to stay exact as a number.
    static func isPlainInteger(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, bytes.count < 15, first != UInt8(ascii: "0") || bytes.count == 1 else { return false }
        return bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// An inline-string cell; an empty text gives an empty styled cell.
    static func inlineCell(column: Int, row: Int, text: String, style: Int) -> String {
        let reference = SpreadsheetCellReference.letters(forColumn: column) + String(row)
        if text.isEmpty { return "<c r=\"\(reference)\" s=\"\(style)\"/>" }
        let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true || text.contains("\n")
        return "<c r=\"\(reference)\" s=\"\(style)\" t=\"inlineStr\"><is><t\(preserve ? " xml:space=\"preserve\"" : "")>\(XMLEscaper.escape(text))</t></is></c>"
    }
}
