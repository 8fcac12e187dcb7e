import Foundation
import RectifyCore
import ZIPFoundation

/// The bomb set: uploads shaped to make a reader spend memory or time out of all proportion to their
/// size, each with the limit that must refuse it. Sizes are chosen against `HostileUploads.limits`,
/// small limits that keep the suite fast; the system test sends full-size ones to a running server.
enum HostileUploads {
    static let limits = UploadLimits(maxUncompressedBytes: 8 * 1_048_576, maxEntries: 100, maxCompressionRatio: 100,
                                     ratioFloorBytes: 64 * 1024, maxXMLDepth: 256, maxXMLTextBytes: 256 * 1024,
                                     maxTextReportBytes: 1_048_576, maxWorksheetCells: 50_000)

    struct Bomb: Sendable, CustomStringConvertible {
        let name: String
        let fileName: String
        let data: Data
        /// The limit that refuses it, or nil for a bomb refused as a damaged file (422).
        let limit: UploadLimitExceeded.Limit?
        var description: String { name }
        var isWorkbook: Bool { fileName.hasSuffix(".xlsx") }
    }

    static func all() throws -> [Bomb] {
        [try deflateBomb(), try lyingSizes(), try manyEntries(), try deepXML(), try longText(), try manyColumns(), try manyCells(),
         try quadraticSharedStrings(), try workbookDeflateBomb(), oversizedText()]
    }

    /// A .docx whose word/document.xml inflates to 64 MB of spaces (about 64 KB compressed).
    static func deflateBomb() throws -> Bomb {
        Bomb(name: "deflate bomb", fileName: "bomb.docx",
             data: try zip([("word/document.xml", .repeated(" ", 64 * 1_048_576), .deflate)]), limit: .compressionRatio)
    }

    /// The same bomb with its central directory and local header declaring 100 bytes inflated.
    static func lyingSizes() throws -> Bomb {
        var data = try zip([("word/document.xml", .repeated(" ", 64 * 1_048_576), .deflate)])
        patchDeclaredSizes(&data, uncompressed: 100)
        return Bomb(name: "declared sizes that lie", fileName: "liar.docx", data: data, limit: .compressionRatio)
    }

    /// 150 tiny entries, beyond the 100 allowed.
    static func manyEntries() throws -> Bomb {
        var parts: [(String, Content, CompressionMethod)] = [("word/document.xml", .text("<w:document/>"), .none)]
        for index in 0..<150 { parts.append(("word/media/p\(index).xml", .text(""), .none)) }
        return Bomb(name: "many tiny entries", fileName: "entries.docx", data: try zip(parts), limit: .entryCount)
    }

    /// Elements nested 10,000 deep, stored uncompressed (so only the depth can refuse it).
    static func deepXML() throws -> Bomb {
        let xml = String(repeating: "<w:p>", count: 10_000) + String(repeating: "</w:p>", count: 10_000)
        return Bomb(name: "deeply nested XML", fileName: "deep.docx", data: try zip([("word/document.xml", .text(xml), .none)]),
                    limit: .xmlDepth)
    }

    /// One run of text of 512 KB between two tags, stored.
    static func longText() throws -> Bomb {
        let xml = "<w:document><w:body><w:p><w:r><w:t>" + String(repeating: "整", count: 180_000) + "</w:t></w:r></w:p></w:body></w:document>"
        return Bomb(name: "a text run beyond the limit", fileName: "text.docx", data: try zip([("word/document.xml", .text(xml), .none)]),
                    limit: .xmlText)
    }

    /// A one-row sheet of 20,000 cells without references: past Excel's 16,384 columns, so damaged.
    static func manyColumns() throws -> Bomb {
        let row = String(repeating: "<c><v>1</v></c>", count: 20_000)
        return Bomb(name: "a row declaring more columns than a sheet has", fileName: "columns.xlsx",
                    data: try workbook(sheet: "<worksheet><sheetData><row r=\"1\">\(row)</row></sheetData></worksheet>"),
                    limit: nil)
    }

    /// 60,000 cells, beyond the 50,000 a sheet may hold.
    static func manyCells() throws -> Bomb {
        let rows = (1...60_000).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>1</v></c></row>" }.joined()
        return Bomb(name: "more cells than a sheet may hold", fileName: "cells.xlsx",
                    data: try workbook(sheet: "<worksheet><sheetData>\(rows)</sheetData></worksheet>"), limit: .worksheetCells)
    }

    /// One 200 KB shared string referenced by 100 cells: 20 MB of text from a few hundred bytes of sheet.
    static func quadraticSharedStrings() throws -> Bomb {
        let cells = (1...100).map { "<row r=\"\($0)\"><c r=\"A\($0)\" t=\"s\"><v>0</v></c></row>" }.joined()
        let shared = "<sst><si><t>" + String(repeating: "x", count: 200 * 1024) + "</t></si></sst>"
        return Bomb(name: "quadratic shared strings", fileName: "shared.xlsx",
                    data: try workbook(sheet: "<worksheet><sheetData>\(cells)</sheetData></worksheet>", sharedStrings: shared),
                    limit: .uncompressedSize)
    }

    /// A workbook whose sheet inflates to 64 MB.
    static func workbookDeflateBomb() throws -> Bomb {
        Bomb(name: "workbook deflate bomb", fileName: "bomb.xlsx",
             data: try workbook(sheet: nil, extra: [("xl/worksheets/sheet1.xml", .repeated(" ", 64 * 1_048_576), .deflate)]),
             limit: .compressionRatio)
    }

    /// A plain-text report beyond the text limit.
    static func oversizedText() -> Bomb {
        Bomb(name: "an oversized text report", fileName: "huge.txt",
             data: Data(String(repeating: "一、整改情况。", count: 60_000).utf8), limit: .textSize)
    }

    // MARK: - Building archives

    enum Content {
        case text(String)
        /// `count` bytes of one ASCII character, produced in chunks (never held whole).
        case repeated(Character, Int)

        var size: Int {
            switch self {
            case .text(let text): text.utf8.count
            case .repeated(_, let count): count
            }
        }
    }

    static func workbook(sheet: String?, sharedStrings: String? = nil, extra: [(String, Content, CompressionMethod)] = []) throws -> Data {
        var parts: [(String, Content, CompressionMethod)] = [
            ("xl/workbook.xml", .text(#"<workbook xmlns:r="r"><sheets><sheet name="整改台账" sheetId="1" r:id="rId1"/></sheets></workbook>"#), .deflate),
            ("xl/_rels/workbook.xml.rels", .text(#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#), .deflate),
        ]
        if let sheet { parts.append(("xl/worksheets/sheet1.xml", .text(sheet), .none)) }
        if let sharedStrings { parts.append(("xl/sharedStrings.xml", .text(sharedStrings), .none)) }
        return try zip(parts + extra)
    }

    static func zip(_ parts: [(String, Content, CompressionMethod)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, content, method) in parts {
            let size = content.size
            let bytes: Data? = if case .text(let text) = content { Data(text.utf8) } else { nil }
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(size), compressionMethod: method) { position, chunk in
                let start = Int(position)
                let length = min(chunk, size - start)
                switch content {
                case .text: return bytes!.subdata(in: start..<(start + length))
                case .repeated(let character, _): return Data(repeating: character.asciiValue ?? 32, count: length)
                }
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// Rewrites every declared uncompressed size (local headers and central directory) to `value`.
    static func patchDeclaredSizes(_ data: inout Data, uncompressed value: UInt32) {
        let bytes = [UInt8](data)
        func u32(_ at: Int) -> UInt32 { UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24 }
        func write(_ at: Int) {
            for offset in 0..<4 { data[data.startIndex + at + offset] = UInt8((value >> (8 * UInt32(offset))) & 0xFF) }
        }
        var index = 0
        while index + 4 <= bytes.count {
            switch u32(index) {
            case 0x0403_4B50: write(index + 22); index += 30
            case 0x0201_4B50: write(index + 24); index += 46
            default: index += 1
            }
        }
    }
}
