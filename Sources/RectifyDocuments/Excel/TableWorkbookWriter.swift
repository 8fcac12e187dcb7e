import Foundation
import ZIPFoundation

/// A small workbook of plain tables, one sheet each (a header row, then rows of text and numbers),
/// in the ledger's styles: the `rectify check` summary of many reports.
public enum TableWorkbookWriter {
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// A number written as its decimal digits, so that it stays exact.
        case number(String)
    }

    public struct Sheet: Sendable {
        public var name: String
        public var header: [String]
        public var rows: [[Cell]]
        /// Column widths in characters; missing ones are 12.
        public var widths: [Double]

        public init(name: String, header: [String], rows: [[Cell]], widths: [Double] = []) {
            self.name = name
            self.header = header
            self.rows = rows
            self.widths = widths
        }
    }

    public static func write(_ sheets: [Sheet]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        try OfficeArchive.add(contentTypes(count: sheets.count), at: "[Content_Types].xml", to: archive)
        try OfficeArchive.add(LedgerWorkbookParts.declaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """, at: "_rels/.rels", to: archive)
        var entries = "", relationships = ""
        for (index, sheet) in sheets.enumerated() {
            entries += "<sheet name=\"\(XMLEscaper.escape(String(sheet.name.prefix(31))))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
            relationships += "<Relationship Id=\"rId\(index + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        try OfficeArchive.add(LedgerWorkbookParts.declaration + """
            <workbook xmlns="\(LedgerWorkbookParts.mainNamespace)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets>\(entries)</sheets></workbook>
            """, at: "xl/workbook.xml", to: archive)
        try OfficeArchive.add(LedgerWorkbookParts.declaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relationships)\
            <Relationship Id="rId\(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """, at: "xl/_rels/workbook.xml.rels", to: archive)
        try OfficeArchive.add(LedgerWorkbookParts.styles, at: "xl/styles.xml", to: archive)
        for (index, sheet) in sheets.enumerated() {
            try OfficeArchive.add(worksheet(sheet), at: "xl/worksheets/sheet\(index + 1).xml", to: archive)
        }
        guard let data = archive.data else { throw LedgerWorkbookError.writeFailed("工作簿未能生成") }
        return data
    }

    private static func contentTypes(count: Int) -> String {
        let sheets = (1...max(count, 1)).map {
            "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        return LedgerWorkbookParts.declaration + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            \(sheets)\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            </Types>
            """
    }

    private static func worksheet(_ sheet: Sheet) -> String {
        let columns = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        var xml = LedgerWorkbookParts.declaration + "<worksheet xmlns=\"\(LedgerWorkbookParts.mainNamespace)\">"
        if columns > 0 {
            let last = SpreadsheetCellReference.letters(forColumn: columns - 1)
            xml += "<dimension ref=\"A1:\(last)\(sheet.rows.count + 1)\"/>"
            xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
            xml += "<cols>" + (0..<columns).map { index in
                let width = index < sheet.widths.count ? sheet.widths[index] : 12
                return "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }.joined() + "</cols>"
        }
        xml += "<sheetData><row r=\"1\">"
        for (index, title) in sheet.header.enumerated() {
            xml += text(title, column: index, row: 1, style: LedgerWorkbookParts.headerStyle)
        }
        xml += "</row>"
        for (offset, cells) in sheet.rows.enumerated() {
            let row = offset + 2
            xml += "<row r=\"\(row)\">"
            for (index, cell) in cells.enumerated() {
                switch cell {
                case .text(let value):
                    xml += text(value, column: index, row: row, style: LedgerWorkbookParts.textStyle)
                case .number(let digits):
                    let reference = SpreadsheetCellReference.letters(forColumn: index) + String(row)
                    xml += "<c r=\"\(reference)\" s=\"\(LedgerWorkbookParts.centredStyle)\"><v>\(XMLEscaper.escape(digits))</v></c>"
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    private static func text(_ value: String, column: Int, row: Int, style: Int) -> String {
        let reference = SpreadsheetCellReference.letters(forColumn: column) + String(row)
        return "<c r=\"\(reference)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XMLEscaper.escape(value))</t></is></c>"
    }
}
