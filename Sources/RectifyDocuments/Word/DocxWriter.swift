import Foundation
import ZIPFoundation

/// Writes an `OfficialDocument` as a .docx package in the GB/T 9704-2012 layout.
public enum DocxWriter {
    public static func write(_ document: OfficialDocument) throws -> Data {
        let archive: Archive
        do {
            archive = try Archive(accessMode: .create)
        } catch {
            throw OfficeDocumentError.archiveFailure(String(describing: error))
        }
        let parts: [(String, String)] = [
            ("[Content_Types].xml", DocxPackageParts.contentTypes),
            ("_rels/.rels", DocxPackageParts.packageRelationships),
            ("word/document.xml", DocxBodyRenderer.render(document)),
            ("word/_rels/document.xml.rels", DocxPackageParts.documentRelationships),
            ("word/styles.xml", DocxPackageParts.styles),
            ("word/settings.xml", DocxPackageParts.settings),
            ("word/footer1.xml", DocxPackageParts.footer(odd: true)),
            ("word/footer2.xml", DocxPackageParts.footer(odd: false)),
            ("docProps/core.xml", DocxPackageParts.coreProperties(title: document.title, date: document.date)),
            ("docProps/app.xml", DocxPackageParts.appProperties),
        ]
        do {
            for (path, xml) in parts {
                try OfficeArchive.add(xml, at: path, to: archive)
            }
        } catch {
            throw OfficeDocumentError.archiveFailure(String(describing: error))
        }
        guard let data = archive.data else {
            throw OfficeDocumentError.archiveFailure("内存压缩包为空")
        }
        return data
    }
}
