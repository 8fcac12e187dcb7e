import Foundation
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Opens a .docx and returns its paragraphs in order.
enum ReportDocxExtractor {
    static func lines(from data: Data) throws -> [ReportLine] {
        let archive: Archive
        guard ZIPBoundsCheck.isSafe(data) else {
            throw ReportReadError(kind: .badArchive, expected: "ZIP 格式的 Word 文档（.docx）", found: "压缩包结构损坏")
        }
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw ReportReadError(kind: .badArchive, expected: "ZIP 格式的 Word 文档（.docx）", found: "无法按 ZIP 解压")
        }
        guard let documentEntry = archive["word/document.xml"] else {
            throw ReportReadError(kind: .badArchive, part: "word/document.xml",
                                  expected: "包含 word/document.xml 的 Word 文档", found: "压缩包中没有该文件")
        }
        let document = try extract(documentEntry, from: archive)
        let numbering: ReportDocxNumbering
        if let numberingEntry = archive["word/numbering.xml"] {
            numbering = try ReportDocxNumbering(data: try extract(numberingEntry, from: archive))
        } else {
            numbering = ReportDocxNumbering()
        }
        let body = ReportDocxBody(numbering: numbering)
        if let refusal = XMLPartCheck.refusal(document) {
            throw ReportReadError(kind: .badXML, part: "word/document.xml", expected: "UTF-8 编码的 WordprocessingML 正文", found: refusal)
        }
        let parser = XMLParser(data: document)
        parser.delegate = body
        // FoundationXML on Linux may return true from parse() and still record the error.
        if !parser.parse() || parser.parserError != nil {
            throw ReportReadError(kind: .badXML, line: parser.lineNumber, part: "word/document.xml",
                                  expected: "格式正确的 WordprocessingML 正文", found: parser.parserError?.localizedDescription)
        }
        return body.lines
    }

    private static func extract(_ entry: Entry, from archive: Archive) throws -> Data {
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: true) { data.append($0) }
        } catch {
            throw ReportReadError(kind: .badArchive, part: entry.path, expected: "可解压的 Word 文档部件", found: "\(error)")
        }
        return data
    }
}
