import Foundation
import Testing
@testable import RectifyCore

/// Files that are not readable reports fail with where and what was expected, in Chinese.
struct ReadErrorTests {
    func error(_ body: () throws -> ReadReport) -> ReportReadError? {
        do {
            _ = try body()
            return nil
        } catch let error as ReportReadError {
            return error
        } catch {
            return nil
        }
    }

    @Test func emptyFile() {
        let empty = error { try ReportReader().read(data: Data(), fileName: "a.txt") }
        #expect(empty?.kind == .empty)
        #expect(empty?.description.hasPrefix("文件为空，应为巡察整改进展情况报告正文") == true)
        let blank = error { try ReportReader().read(data: Data("\n  \n\u{3000}\n".utf8)) }
        #expect(blank?.kind == .empty)
    }

    @Test func badEncodingNamesTheLine() {
        var bytes = Data("第一行\n第二行\n".utf8)
        bytes.append(contentsOf: [0x41, 0xFF, 0xFF, 0x0A])
        let failure = error { try ReportReader().read(data: bytes, fileName: "a.txt") }
        #expect(failure?.kind == .badEncoding)
        #expect(failure?.line == 3)
        #expect(failure?.errorDescription?.contains("UTF-8 或 GB18030/GBK") == true)
    }

    @Test func badZip() {
        let failure = error { try ReportReader().read(data: Data("PK\u{3}\u{4}不是压缩包".utf8), fileName: "a.docx") }
        #expect(failure?.kind == .badArchive)
        #expect(failure?.description.contains("不是有效的 .docx 文件") == true)
    }

    @Test func docxWithoutDocumentPart() throws {
        let data = try TestDocuments.docx(paragraphs: [], rawDocument: "<x/>")
        let archive = try #require(try? ZIPArchiveStripper.removing("word/document.xml", from: data))
        let failure = error { try ReportReader().read(data: archive, fileName: "a.docx") }
        #expect(failure?.kind == .badArchive)
        #expect(failure?.part == "word/document.xml")
    }

    @Test func malformedDocumentXML() throws {
        let data = try TestDocuments.docx(paragraphs: [], rawDocument: "<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"urn:w\">\n<w:body><w:p></w:body>\n</w:document>")
        let failure = error { try ReportReader().read(data: data) }
        #expect(failure?.kind == .badXML)
        #expect(failure?.part == "word/document.xml")
        // libxml2 may report the line after the mismatched tag, depending on where it stopped.
        #expect(failure?.line.map { (3...4).contains($0) } == true)
        #expect(failure?.description.hasPrefix("word/document.xml第") == true)
        #expect(failure?.description.contains("行：文档 XML 格式错误，应为格式正确的 WordprocessingML 正文") == true)
    }

    @Test func textThatIsNotAReport() {
        let failure = error { try ReportReader().read(text: "今天天气很好。\n明天去公园散步。") }
        #expect(failure?.kind == .notAReport)
        #expect(failure?.line == 1)
        #expect(failure?.found == "今天天气很好。")
        #expect(failure?.description == "第1行（段）：不是巡察整改进展情况报告，应为巡察整改进展情况报告（应写明巡察组、被巡察单位和问题整改情况）；实际为“今天天气很好。”。")
    }

    @Test func unreadableFile() {
        let failure = error { try ReportReader().read(contentsOf: URL(fileURLWithPath: "/nonexistent/报告.txt")) }
        #expect(failure?.kind == .unreadableFile)
    }
}
