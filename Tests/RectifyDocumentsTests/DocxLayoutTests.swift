import Foundation
import RectifyCore
import Testing
@testable import RectifyDocuments

@Suite struct DocxLayoutTests {
    let data: Data
    let document: TestXMLNode
    let styles: TestXMLNode

    init() throws {
        data = try DocxWriter.write(SampleContent.publicReport().makeDocument())
        document = try TestXMLNode.parse(DocxTextExtractor.part("word/document.xml", from: data))
        styles = try TestXMLNode.parse(DocxTextExtractor.part("word/styles.xml", from: data))
    }

    func style(_ id: String) throws -> TestXMLNode {
        try #require(styles.all("w:style").first { $0["w:styleId"] == id })
    }

    @Test func packageHasAllParts() throws {
        for path in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/settings.xml",
                     "word/footer1.xml", "word/footer2.xml", "word/_rels/document.xml.rels", "docProps/core.xml", "docProps/app.xml"] {
            let part = try DocxTextExtractor.part(path, from: data)
            _ = try TestXMLNode.parse(part)
        }
    }

    @Test func a4PageAndMarginsInTwips() throws {
        let section = try #require(document.first("w:body")?.children.last)
        #expect(section.name == "w:sectPr")
        let size = try #require(section.child("w:pgSz"))
        #expect(size["w:w"] == "11906")
        #expect(size["w:h"] == "16838")
        #expect(size["w:orient"] == nil)
        let margins = try #require(section.child("w:pgMar"))
        #expect(margins["w:top"] == "2098")
        #expect(margins["w:left"] == "1588")
        #expect(margins["w:bottom"] == "1984")
        #expect(margins["w:right"] == "1474")
        // 35 mm bottom margin − 7 mm gap − one 14 pt footer line.
        #expect(margins["w:footer"] == "1307")
        let grid = try #require(section.child("w:docGrid"))
        #expect(grid["w:type"] == "lines")
        #expect(grid["w:linePitch"] == "579")
    }

    @Test func defaultFontIsSanHaoFangSongWithFixedLineSpacing() throws {
        let defaults = try #require(styles.first("w:rPrDefault"))
        let fonts = try #require(defaults.first("w:rFonts"))
        #expect(fonts["w:eastAsia"] == "仿宋_GB2312")
        #expect(fonts["w:ascii"] == "Times New Roman")
        #expect(fonts["w:hAnsi"] == "Times New Roman")
        #expect(defaults.first("w:sz")?["w:val"] == "32")
        let spacing = try #require(styles.first("w:pPrDefault")?.first("w:spacing"))
        #expect(spacing["w:line"] == "580")
        #expect(spacing["w:lineRule"] == "exact")
        // 28 characters a line: each 16 pt character narrowed by 0.25 pt (441 pt ≤ 442.2 pt).
        let condensed = try #require(defaults.all("w:spacing").first)
        #expect(condensed["w:val"] == "-5")
        let lineWidth: Int = 11906 - 1588 - 1474
        let pitch: Int = 320 - 5
        #expect(28 * pitch <= lineWidth)
        #expect(29 * pitch > lineWidth)
        #expect(styles.first("w:pPrDefault")?.first("w:autoSpaceDE")?["w:val"] == "0")
    }

    @Test func titleIsErHaoXiaoBiaoSongCentred() throws {
        let title = try style("Title")
        #expect(title.first("w:rFonts")?["w:eastAsia"] == "方正小标宋简体")
        #expect(title.first("w:sz")?["w:val"] == "44")
        #expect(title.first("w:jc")?["w:val"] == "center")
        let titleParagraphs = document.all("w:p").filter { $0.first("w:pStyle")?["w:val"] == "Title" }
        #expect(titleParagraphs.map(\.allText).joined() == "中共某市城市管理局党组关于巡察整改进展情况的通报")
        #expect(titleParagraphs.count == 2)
    }

    @Test func headingFontsPerLevel() throws {
        let expected = ["Heading1": "黑体", "Heading2": "楷体_GB2312", "Heading3": "仿宋_GB2312", "Heading4": "仿宋_GB2312"]
        for (id, font) in expected {
            let heading = try style(id)
            #expect(heading.first("w:rFonts")?["w:eastAsia"] == font, "\(id)")
            #expect(heading.first("w:sz")?["w:val"] == "32", "\(id)")
            #expect(heading.first("w:b") == nil, "\(id)")
        }
        let paragraphs = document.all("w:p")
        func styleOf(_ prefix: String) -> String? {
            paragraphs.first { $0.allText.hasPrefix(prefix) }?.first("w:pStyle")?["w:val"]
        }
        #expect(styleOf("一、") == "Heading1")
        #expect(styleOf("（一）") == "Heading2")
        #expect(styleOf("1.已完成整改") == "Heading3")
        #expect(styleOf("（1）关于") == "Heading4")
    }

    @Test func bodyParagraphIndentsTwoCharacters() throws {
        let body = try style("BodyText")
        let indent = try #require(body.first("w:ind"))
        #expect(indent["w:firstLine"] == "640")
        #expect(indent["w:firstLineChars"] == "200")
        let opening = try #require(document.all("w:p").first { $0.allText.hasPrefix("根据巡察工作") })
        #expect(opening.first("w:pStyle")?["w:val"] == "BodyText")
    }

    @Test func pageNumberFootersOddRightEvenLeft() throws {
        let settings = try TestXMLNode.parse(DocxTextExtractor.part("word/settings.xml", from: data))
        #expect(settings.first("w:evenAndOddHeaders") != nil)
        let section = try #require(document.first("w:body")?.children.last)
        let references = section.all("w:footerReference")
        #expect(Set(references.compactMap { $0["w:type"] }) == ["default", "even"])
        let relationships = try TestXMLNode.parse(DocxTextExtractor.part("word/_rels/document.xml.rels", from: data))
        func target(_ type: String) -> String? {
            let id = references.first { $0["w:type"] == type }?["r:id"]
            return relationships.all("Relationship").first { $0["Id"] == id }?["Target"]
        }
        #expect(target("default") == "footer1.xml")
        #expect(target("even") == "footer2.xml")
        for (path, alignment, indentKey) in [("word/footer1.xml", "right", "w:right"), ("word/footer2.xml", "left", "w:left")] {
            let footer = try TestXMLNode.parse(DocxTextExtractor.part(path, from: data))
            #expect(footer.first("w:instrText")?.text.trimmingCharacters(in: .whitespaces) == "PAGE", "\(path)")
            #expect(footer.all("w:fldChar").compactMap { $0["w:fldCharType"] } == ["begin", "separate", "end"])
            #expect(footer.first("w:jc")?["w:val"] == alignment)
            #expect(footer.first("w:ind")?[indentKey] == "280")
            let texts = footer.all("w:t").map(\.text)
            #expect(texts.first == "— ")
            #expect(texts.last == " —")
            for size in footer.all("w:sz") { #expect(size["w:val"] == "28") }
            for fonts in footer.all("w:rFonts") {
                #expect(fonts["w:eastAsia"] == "宋体")
                #expect(fonts["w:ascii"] == "宋体")
            }
        }
    }

    @Test func signatureAndDateWithoutLeadingZeros() throws {
        let signature = document.all("w:p").filter { $0.first("w:pStyle")?["w:val"] == "Signature" }
        #expect(signature.map(\.allText) == ["中共某市城市管理局党组", "2024年8月20日"])
        // Issuer 11 characters, two in from the right; the date (6.5 characters wide: digits
        // are half width) starts two characters right of the issuer's first character, so it
        // ends 11 − 6.5 = 4.5 characters in.
        #expect(signature[0].first("w:ind")?["w:right"] == "640")
        #expect(signature[1].first("w:ind")?["w:right"] == "1440")
        #expect(signature[0].first("w:jc") == nil)
        #expect(try style("Signature").first("w:jc")?["w:val"] == "right")
        #expect(Day(year: 2024, month: 3, day: 5)!.chinese == "2024年3月5日")
    }

    @Test func longDateMovesIssuerLeft() {
        let indents = DocxBodyRenderer.signatureIndents(issuer: "某局", date: "2024年12月31日")
        // Date 7 wide > issuer 2 wide: date two in; issuer starts two left of the date.
        #expect(indents.date == 640)
        #expect(indents.issuer == (2 + 7 + 2 - 2) * 320)
    }

    @Test func xmlSpecialCharactersAreEscapedAndTypographyKept() throws {
        let xml = String(decoding: try DocxTextExtractor.part("word/document.xml", from: data), as: UTF8.self)
        #expect(xml.contains("资产清查 &amp; 登记 &lt;全部&gt; 入账"))
        let paragraphs = try DocxTextExtractor.paragraphs(from: data)
        #expect(paragraphs.contains("整改情况：完成资产清查 & 登记 <全部> 入账。"))
        #expect(paragraphs.contains("整改情况：①印发《工作机制》〔2024〕3号。②开展日常巡查21次。"))
        #expect(paragraphs.contains("（2）关于“‘三资’管理较混乱”问题"))
    }

    @Test func landscapeTableSection() throws {
        let table = DocumentTable(caption: "问题清单", header: ["序号", "问题"], rows: [["1", "甲"]], columnWidths: [1, 9], landscape: true)
        let doc = OfficialDocument(title: "测试", blocks: [.paragraph("前文。"), .table(table), .paragraph("后文。")], issuer: "某局", date: SampleContent.issueDate)
        let data = try DocxWriter.write(doc)
        let root = try TestXMLNode.parse(DocxTextExtractor.part("word/document.xml", from: data))
        let sections = root.all("w:sectPr")
        #expect(sections.count == 3)
        let sizes = sections.compactMap { $0.child("w:pgSz") }
        #expect(sizes.map { $0["w:orient"] } == [nil, "landscape", nil])
        #expect(sizes[1]["w:w"] == "16838")
        #expect(sizes[1]["w:h"] == "11906")
        let landscapeMargins = try #require(sections[1].child("w:pgMar"))
        // The text area stays 225 × 156 mm when the page turns.
        let width = 16838 - Int(landscapeMargins["w:left"]!)! - Int(landscapeMargins["w:right"]!)!
        let height = 11906 - Int(landscapeMargins["w:top"]!)! - Int(landscapeMargins["w:bottom"]!)!
        #expect(width == 16838 - 2098 - 1984)
        #expect(height == 11906 - 1588 - 1474)
        // The table sits between the first and the second section break.
        let body = try #require(root.first("w:body"))
        let order = body.children.map { $0.name == "w:tbl" ? "table" : ($0.first("w:sectPr") != nil ? "break" : "p") }
        let firstBreak = try #require(order.firstIndex(of: "break"))
        let tableIndex = try #require(order.firstIndex(of: "table"))
        let secondBreak = try #require(order.lastIndex(of: "break"))
        #expect(firstBreak < tableIndex && tableIndex < secondBreak)
        let grid = root.all("w:gridCol").compactMap { Int($0["w:w"] ?? "") }
        #expect(grid.reduce(0, +) == 16838 - 2098 - 1984)
        #expect(grid == [1275, 11481])
        let paragraphs = try DocxTextExtractor.paragraphs(from: data)
        #expect(paragraphs == ["测试", "前文。", "问题清单", "序号\t问题", "1\t甲", "后文。", "某局", "2024年8月20日"])
    }

    @Test func attachmentNoteAndPages() throws {
        let doc = OfficialDocument(title: "关于报送整改材料的通知", addressee: "各科室、各直属单位", blocks: [.paragraph("请按要求报送。")],
                                   attachments: [DocumentAttachment(name: "整改台账", blocks: [.paragraph("见附表。")]),
                                                 DocumentAttachment(name: "佐证材料目录")],
                                   issuer: "某局巡察整改办", date: SampleContent.issueDate)
        let data = try DocxWriter.write(doc)
        let paragraphs = try DocxTextExtractor.paragraphs(from: data)
        #expect(paragraphs == ["关于报送整改材料的通知", "各科室、各直属单位：", "请按要求报送。", "附件：1.整改台账", "2.佐证材料目录",
                               "某局巡察整改办", "2024年8月20日", "附件1", "整改台账", "见附表。"])
        let root = try TestXMLNode.parse(DocxTextExtractor.part("word/document.xml", from: data))
        let heading = try #require(root.all("w:p").first { $0.allText == "附件1" })
        #expect(heading.first("w:pStyle")?["w:val"] == "AttachmentHeading")
        #expect(try style("AttachmentHeading").first("w:rFonts")?["w:eastAsia"] == "黑体")
        #expect(heading.first("w:pageBreakBefore") != nil)
    }

    @Test func titleLinesAreBalanced() {
        let lines = TitleLineBreaker.lines(for: "中共某市城市管理局党组关于巡察整改进展情况的通报")
        #expect(lines == ["中共某市城市管理局党组", "关于巡察整改进展情况的通报"])
        #expect(TitleLineBreaker.lines(for: "巡察整改工作提示") == ["巡察整改工作提示"])
        let long = "中共某某市某某区城市管理和综合行政执法局党组关于市委第三巡察组反馈意见整改进展情况的通报"
        let parts = TitleLineBreaker.lines(for: long)
        #expect(parts.joined() == long)
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { $0.count <= 20 })
        let bookTitle = TitleLineBreaker.lines(for: "关于印发《某市城市管理局巡察整改工作实施方案》的通知")
        #expect(bookTitle.joined() == "关于印发《某市城市管理局巡察整改工作实施方案》的通知")
        #expect(bookTitle.allSatisfy { $0.filter { $0 == "《" }.count == $0.filter { $0 == "》" }.count })
    }

    @Test func leadParagraphRunsHeadingIntoText() throws {
        let doc = OfficialDocument(title: "测试", blocks: [.paragraph(lead: "（1）关于“制度执行不严”问题。", text: "已修订制度3项。")])
        let data = try DocxWriter.write(doc)
        let root = try TestXMLNode.parse(DocxTextExtractor.part("word/document.xml", from: data))
        let paragraph = try #require(root.all("w:p").first { $0.allText.hasPrefix("（1）") })
        #expect(paragraph.all("w:r").map(\.allText) == ["（1）关于“制度执行不严”问题。", "已修订制度3项。"])
        #expect(paragraph.first("w:pStyle")?["w:val"] == "BodyText")
    }

    @Test func titleWithSpecialCharactersIsEscapedInProperties() throws {
        let doc = OfficialDocument(title: "关于“A&B”<试点>的通知", date: Day(year: 2024, month: 1, day: 2))
        let data = try DocxWriter.write(doc)
        let core = try TestXMLNode.parse(DocxTextExtractor.part("docProps/core.xml", from: data))
        #expect(core.first("dc:title")?.text == "关于“A&B”<试点>的通知")
        #expect(core.first("dcterms:created")?.text == "2024-01-02T00:00:00Z")
        #expect(try DocxTextExtractor.paragraphs(from: data) == ["关于“A&B”<试点>的通知", "2024年1月2日"])
    }
}
