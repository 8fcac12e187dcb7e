import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Opens a .docx and returns its paragraphs in order.
enum ReportDocxExtractor {
    static func lines(from data: Data, limits: UploadLimits = .standard) throws -> [ReportLine] {
        let archive: BoundedArchive
        do {
            archive = try BoundedArchive(data: data, limits: limits)
        } catch let damaged as BoundedArchive.Damaged {
            throw ReportReadError(kind: .badArchive, expected: "ZIP 格式的 Word 文档（.docx）", found: damaged.reason)
        }
        guard let document = try extract("word/document.xml", from: archive) else {
            throw ReportReadError(kind: .badArchive, part: "word/document.xml",
                                  expected: "包含 word/document.xml 的 Word 文档", found: "压缩包中没有该文件")
        }
        let numbering: ReportDocxNumbering
        if let numberingData = try extract("word/numbering.xml", from: archive) {
            numbering = try ReportDocxNumbering(data: numberingData)
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

    /// A part within the upload limits; a refusal by a limit passes through as `UploadLimitExceeded`.
    private static func extract(_ path: String, from archive: BoundedArchive) throws -> Data? {
        do {
            return try archive.read(path)
        } catch let damaged as BoundedArchive.Damaged {
            throw ReportReadError(kind: .badArchive, part: path, expected: "可解压的 Word 文档部件", found: damaged.reason)
        }
    }
}
