import Foundation
import Testing
import ZIPFoundation
@testable import RectifyCore

/// Regression tests for crashes the fuzzing found: ZIPFoundation traps on offsets past the end of an
/// in-memory archive, and XMLParser on Linux traps on invalid UTF-8 in names. Both must be refused.
@Suite struct DamagedArchiveTests {
    static func docx(document: Data) throws -> Data {
        let archive = try Archive(accessMode: .create)
        let parts: [(String, Data)] = [
            ("[Content_Types].xml", Data(#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.utf8)),
            ("word/document.xml", document),
        ]
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    /// Where a 4-byte ZIP signature first (or last) stands.
    static func offset(of signature: [UInt8], in data: Data, last: Bool) -> Int? {
        let bytes = [UInt8](data)
        let starts = Array(0...(bytes.count - 4))
        let matches: (Int) -> Bool = { Array(bytes[$0..<($0 + 4)]) == signature }
        return last ? starts.last(where: matches) : starts.first(where: matches)
    }

    static let document = Data(#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>一、党组整改落实情况</w:t></w:r></w:p></w:body></w:document>"#.utf8)

    @Test func aCentralDirectoryPointingPastTheEndIsRefused() throws {
        var data = try Self.docx(document: Self.document)
        // The end record's central-directory offset, rewritten to lie far beyond the archive.
        let eocd = try #require(Self.offset(of: [0x50, 0x4B, 0x05, 0x06], in: data, last: true))
        data[eocd + 16] = 0xFF; data[eocd + 17] = 0xFF; data[eocd + 18] = 0xFF; data[eocd + 19] = 0x0F
        #expect(throws: ReportReadError.self) { try ReportReader().read(data: data, fileName: "damaged.docx") }
        #expect(!ZIPBoundsCheck.isSafe(data))
    }

    @Test func anEntrySizeBeyondTheArchiveIsRefused() throws {
        var data = try Self.docx(document: Self.document)
        let central = try #require(Self.offset(of: [0x50, 0x4B, 0x01, 0x02], in: data, last: false))
        data[central + 20] = 0xFF; data[central + 21] = 0xFF; data[central + 22] = 0xFF; data[central + 23] = 0x00
        #expect(throws: ReportReadError.self) { try ReportReader().read(data: data, fileName: "damaged.docx") }
    }

    @Test func invalidUTF8InTheDocumentXMLIsRefused() throws {
        var xml = Self.document
        let at = try #require(xml.firstIndex(of: UInt8(ascii: "b")))  // inside the element name "w:body"
        xml[at] = 0xFF
        let data = try Self.docx(document: xml)
        #expect(throws: ReportReadError.self) { try ReportReader().read(data: data, fileName: "damaged.docx") }
    }

    /// Found by the libFuzzer harness: FoundationXML calls strlen(NULL) on a processing instruction
    /// without data and the whole process dies with SIGSEGV. Read in a child process so a
    /// regression fails this test instead of the run; exits with success once the part is refused.
    static func readRefusingInstruction(prefix: String) {
        do {
            let xml = prefix + String(decoding: document, as: UTF8.self).replacingOccurrences(of: #"<?xml version="1.0" encoding="UTF-8"?>"#, with: "")
            _ = try ReportReader().read(data: try docx(document: Data(xml.utf8)), fileName: "pi.docx")
            fatalError("read a part the parser must not see")
        } catch let error as ReportReadError {
            precondition(error.part == "word/document.xml", "wrong part: \(error)")
        } catch {
            fatalError("threw \(error)")
        }
    }

    @Test func aProcessingInstructionWithoutDataIsRefused() async {
        await #expect(processExitsWith: .success) { DamagedArchiveTests.readRefusingInstruction(prefix: "<?x?>") }
    }

    @Test func aDocumentTypeDeclarationIsRefused() async {
        await #expect(processExitsWith: .success) {
            DamagedArchiveTests.readRefusingInstruction(prefix: #"<!DOCTYPE a [<!ENTITY e "&#60;?x?>">]>"#)
        }
    }

    @Test func theXMLPartCheckLetsOrdinaryInstructionsThrough() {
        #expect(XMLPartCheck.refusal(Data(#"<?xml version="1.0"?><a><?mso-application progid="Word.Document"?></a>"#.utf8)) == nil)
        #expect(XMLPartCheck.refusal(Data("<a><?x ?></a>".utf8)) == nil)
        #expect(XMLPartCheck.refusal(Data("<a>?&gt; <?x?></a>".utf8)) != nil)
        #expect(XMLPartCheck.refusal(Data("<a/><?".utf8)) == nil)
        #expect(XMLPartCheck.refusal(Data([0x3C, 0x61, 0xFF, 0x2F, 0x3E])) == "编码无效")
    }

    @Test func aSoundArchivePassesTheCheck() throws {
        let data = try Self.docx(document: Self.document)
        #expect(ZIPBoundsCheck.isSafe(data))
    }
}
