import Foundation
import RectifyCore
import ZIPFoundation
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

    /// The raw bytes of one part of the package, e.g. "word/styles.xml".
    public static func part(_ path: String, from data: Data) throws -> Data {
        let archive: Archive
        guard ZIPBoundsCheck.isSafe(data) else { throw OfficeDocumentError.archiveFailure("压缩包结构损坏") }
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw OfficeDocumentError.archiveFailure(String(describing: error))
        }
        do {
            guard let content = try OfficeArchive.read(path, from: archive) else {
                throw OfficeDocumentError.missingPart(path)
            }
            return content
        } catch let error as OfficeDocumentError {
            throw error
        } catch {
            throw OfficeDocumentError.malformedPart(path, String(describing: error))
        }
    }
}
