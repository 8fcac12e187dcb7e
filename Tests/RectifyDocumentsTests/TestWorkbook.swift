import Foundation
import ZIPFoundation

/// Builds small .xlsx files by hand, in the shapes other offices' ledgers take: shared
/// strings with rich text, a title row, synonym headers, dates typed as text.
enum TestWorkbook {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    /// A workbook with one sheet whose `sheetData` and `mergeCells` are given as XML.
    static func make(sheetName: String, sheetXML: String, sharedStrings: [String]? = nil, stylesXML: String? = nil) throws -> Data {
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        try add("[Content_Types].xml", """
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>
        """)
        try add("xl/workbook.xml", """
        <?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="\(main)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <x:sheets><x:sheet name="\(sheetName)" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>
        """)
        try add("xl/_rels/workbook.xml.rels", """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/ledger.xml"/></Relationships>
        """)
        try add("xl/worksheets/ledger.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(main)\">\(sheetXML)</worksheet>")
        if let sharedStrings {
            try add("xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(main)\">\(sharedStrings.joined())</sst>")
        }
        if let stylesXML {
            try add("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"\(main)\">\(stylesXML)</styleSheet>")
        }
        return try require(archive.data)
    }

    private static func require<T>(_ value: T?) throws -> T {
        guard let value else { throw TestXMLError(message: "archive has no data") }
        return value
    }

    /// `<c>` with an inline string.
    static func text(_ reference: String, _ value: String) -> String {
        "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(value)</t></is></c>"
    }

    /// `<c>` pointing at a shared string.
    static func shared(_ reference: String, _ index: Int) -> String {
        "<c r=\"\(reference)\" t=\"s\"><v>\(index)</v></c>"
    }
}
