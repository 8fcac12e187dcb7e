import Foundation
import RectifyCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the text of a .docx back, for round-trip checks of what `DocxWriter` wrote.
public enum DocxTextExtractor {
    /// The non-empty paragraph texts of word/document.xml, in order. A table row reads as one
    /// entry with its cells joined by a tab.
    public static func paragraphs(from data: Data) throws -> [String] {
        let xml = try part("word/document.xml", from: data)
        let collector = DocxParagraphCollector()
        if let refusal = XMLPartCheck.refusal(xml) { throw OfficeDocumentError.malformedPart("word/document.xml", refusal) }
        let parser = XMLParser(data: xml)
        parser.delegate = collector
        guard parser.parse() else {
            throw OfficeDocumentError.malformedPart("word/document.xml", parser.parserError.map { String(describing: $0) } ?? "无法解析")
        }
        return collector.paragraphs
    }

    /// The raw bytes of one part of the package, e.g. "word/styles.xml", read within `limits`.
    public static func part(_ path: String, from data: Data, limits: UploadLimits = .standard) throws -> Data {
        let archive: BoundedArchive
        do {
            archive = try BoundedArchive(data: data, limits: limits)
        } catch let damaged as BoundedArchive.Damaged {
            throw OfficeDocumentError.archiveFailure(damaged.reason)
        }
        do {
            guard let content = try archive.read(path) else { throw OfficeDocumentError.missingPart(path) }
            return content
        } catch let damaged as BoundedArchive.Damaged {
            throw OfficeDocumentError.malformedPart(path, damaged.reason)
        }
    }
}
