import Foundation
import Testing
@testable import RectifyCore

/// The format readers and the fact patterns on small inputs.
struct ExtractionTests {
    static let numberingXML = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%3"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        </w:numbering>
        """

    static func numbered(_ text: String, level: Int, numId: Int = 1) -> String {
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\(numId)\"/></w:numPr></w:pPr><w:r><w:t>\(text)</w:t></w:r></w:p>"
    }

    static func plain(_ text: String) -> String {
        "<w:p><w:r><w:t>\(text)</w:t></w:r></w:p>"
    }

    @Test func docxNumberingIsReconstructed() throws {
        let paragraphs = [
            Self.plain("2023年7月31日至9月28日，市委第一巡察组对市水务局党组进行了常规巡察。2023年11月2日，市委第一巡察组向市水务局党组反馈了巡察意见。"),
            Self.numbered("巡察反馈问题整改情况", level: 0),
            Self.numbered("关于“供水管网漏损率偏高”问题", level: 1),
            Self.plain("整改情况：完成老旧管网改造12公里。"),
            Self.numbered("关于“水费收缴不规范”问题", level: 1),
            Self.plain("整改情况："),
            Self.numbered("追回欠缴水费35.6万元。", level: 2),
            Self.numbered("修订《水费收缴管理办法》。", level: 2),
            Self.numbered("这一段是项目符号", level: 0, numId: 2),
            "<w:p/>",
            "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r><w:del><w:r><w:delText>删除的字</w:delText></w:r></w:del></w:p>",
        ]
        let data = try TestDocuments.docx(paragraphs: paragraphs, numbering: Self.numberingXML)
        let lines = try ReportDocxExtractor.lines(from: data)
        #expect(lines.map(\.original) == [
            "2023年7月31日至9月28日，市委第一巡察组对市水务局党组进行了常规巡察。2023年11月2日，市委第一巡察组向市水务局党组反馈了巡察意见。",
            "一、巡察反馈问题整改情况", "（1）关于“供水管网漏损率偏高”问题", "整改情况：完成老旧管网改造12公里。",
            "（2）关于“水费收缴不规范”问题", "整改情况：", "①追回欠缴水费35.6万元。", "②修订《水费收缴管理办法》。",
            "这一段是项目符号", "第一行", "第二行",
        ])
        // Paragraph numbers count the empty paragraph; the two lines of a broken paragraph share one.
        #expect(lines.map(\.number) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 11])
        let report = try ReportReader().read(data: data, fileName: "报告.docx")
        #expect(report.problems.map(\.label) == ["(1)", "(2)"])
        #expect(report.problems[1].measures.map(\.number) == [1, 2])
        #expect(report.problems[1].measures[0].location == ReportLocation(line: 7, column: 1))
    }

    @Test func numberedParagraphsSurviveWithoutNumberingPart() throws {
        let data = try TestDocuments.docx(paragraphs: [Self.numbered("关于“供水管网漏损率偏高”问题", level: 1), Self.plain("正文")])
        #expect(try ReportDocxExtractor.lines(from: data).map(\.original) == ["关于“供水管网漏损率偏高”问题", "正文"])
    }

    @Test func formatDetection() throws {
        #expect(ReportFormat(fileName: "报告.DOCX") == .docx)
        #expect(ReportFormat(fileName: "index.htm") == .html)
        #expect(ReportFormat(fileName: "报告") == nil)
        #expect(ReportFormat(sniffing: try TestDocuments.docx(lines: ["一"])) == .docx)
        #expect(ReportFormat(sniffing: Data("\u{FEFF}<!DOCTYPE html><html>".utf8)) == .html)
        #expect(ReportFormat(sniffing: Data("按照市委统一部署".utf8)) == .text)
    }

    @Test func htmlEntitiesBlocksAndSkippedElements() {
        let html = "<html><head><title>标题</title><style>.a{}</style></head><body><nav>导航</nav><div>第一段&ldquo;引文&rdquo;&#x4E00;&#20108;&amp;<br>第二段</div><!-- 注释 --><p>第三段</p><script>var x = 1;</script><footer>页脚</footer></body></html>"
        let lines = ReportLine.lines(of: ReportHTMLExtractor.text(fromHTML: html)).map(\.original)
        #expect(lines == ["第一段“引文”一二&", "第二段", "第三段"])
    }

    @Test func siteChromeIsRemoved() {
        let lines = ["当前位置：首页 > 政务公开", "正文第一段。", "正文第二段。", "中共某局党组", "2024年8月20日", "相关文章", "关于某事的通知"]
            .enumerated().map { ReportLine(number: $0.offset + 1, text: $0.element) }
        #expect(ReportLineCleaner.clean(lines).map(\.original) == ["正文第一段。", "正文第二段。", "中共某局党组", "2024年8月20日"])
        let unsigned = ["正文第一段。", "正文第二段。", "正文第三段。", "分享", "上一篇：某文", "下一篇：某文"]
            .enumerated().map { ReportLine(number: $0.offset + 1, text: $0.element) }
        #expect(ReportLineCleaner.clean(unsigned).map(\.original) == ["正文第一段。", "正文第二段。", "正文第三段。"])
    }

    @Test func normalizationKeepsLengthAndMapsPunctuation() {
        let original = "（1）关于“'三资’管理”问题：截至２０２４年，完成率９８．９％。"
        let normalized = ReportTextNormalizer.normalize(original)
        #expect(normalized == "(1)关于\"'三资'管理\"问题:截至2024年,完成率98.9%。")
        #expect((normalized as NSString).length == (original as NSString).length)
        #expect(ReportTextNormalizer.normalize("1.关于问题.下一句") == "1.关于问题。下一句")
        #expect(ReportTextNormalizer.title("“'三资’管理较混乱”") == "'三资'管理较混乱")
        #expect(ReportTextNormalizer.title("\"'三资'管理较混乱\"") == "'三资'管理较混乱")
        #expect(ReportTextNormalizer.title("“挂图作战”“销号管理”不到位") == "'挂图作战''销号管理'不到位")
    }

    static func facts(_ text: String, year: Int? = 2023) -> [ReportFact] {
        let block = ReportTextBlock(parts: [(ReportLine(number: 1, text: text), 0)])
        var context = ReportFactExtractor.DateContext(year: year)
        return ReportFactExtractor(block: block).extract(ranges: [NSRange(location: 0, length: block.length)], context: &context)[0].facts
    }

    static func span(_ text: String, year: Int? = 2023) -> ReportDateSpan? {
        facts(text, year: year).first { $0.kind == .date }?.date
    }

    @Test func dateForms() {
        let day = { (y: Int, m: Int, d: Int) in Day(year: y, month: m, day: d)! }
        #expect(Self.span("2023年11月28日，召开会议。") == ReportDateSpan(start: day(2023, 11, 28), end: day(2023, 11, 28), precision: .day, form: .point))
        #expect(Self.span("2023年12月，完成普查。") == ReportDateSpan(start: day(2023, 12, 1), end: day(2023, 12, 31), precision: .month, form: .point))
        #expect(Self.span("2023年9—11月，开展巡查。") == ReportDateSpan(start: day(2023, 9, 1), end: day(2023, 11, 30), precision: .month, form: .range))
        #expect(Self.span("2023年8—12月份，发现问题。")?.end == day(2023, 12, 31))
        #expect(Self.span("2023年11月30日—12月12日，抽查。") == ReportDateSpan(start: day(2023, 11, 30), end: day(2023, 12, 12), precision: .day, form: .range))
        #expect(Self.span("2023年11月27日至12月1日，培训。")?.end == day(2023, 12, 1))
        #expect(Self.span("2023年10月25日—26日，调研。")?.end == day(2023, 10, 26))
        #expect(Self.span("截至2024年4月，已完成。") == ReportDateSpan(start: day(2024, 4, 1), end: day(2024, 4, 30), precision: .month, form: .until))
        #expect(Self.span("截至2024年4月底，已完成。")?.form == .until)
        #expect(Self.span("2023年以来，共办理。") == ReportDateSpan(start: day(2023, 1, 1), end: day(2023, 12, 31), precision: .year, form: .since))
        #expect(Self.span("2023年8月以来，共办理。")?.form == .since)
        #expect(Self.span("2023年第三、四季度，上报率达99.4%。") == ReportDateSpan(start: day(2023, 7, 1), end: day(2023, 12, 31), precision: .quarter, form: .range))
        #expect(Self.span("12月25日，点火运行。", year: 2023) == ReportDateSpan(start: day(2023, 12, 25), end: day(2023, 12, 25), precision: .day, form: .point, yearInferred: true))
        #expect(Self.span("12月25日，点火运行。", year: nil) == nil)
        let days = Self.facts("2023年11月21日、30日，2024年1月5日，分别召开会议。").compactMap(\.date?.start)
        #expect(days == [day(2023, 11, 21), day(2023, 11, 30), day(2024, 1, 5)])
        #expect(Self.facts("印发《赣州市2023年度工作方案》。").allSatisfy { $0.kind != .date })
    }

    @Test func documentsQuantitiesAndPeople() {
        let documents = Self.facts("印发《关于下达资金的通知》（赣市财基字〔2024〕3号），另见赣府办字[2023]12号、赣办发【2022】7号。")
            .filter { $0.kind == .document }
        #expect(documents.map(\.documentNumber) == ["赣市财基字〔2024〕3号", "赣府办字[2023]12号", "赣办发【2022】7号"])
        #expect(documents.first?.documentTitle == "关于下达资金的通知")
        let quantities = Self.facts("接入停车场540个、泊位8.08万个，满意率达98.9%，发放宣传册10000余份，超期1年3个月，位列第49名。")
            .filter { $0.kind == .quantity }
        #expect(quantities.map(\.text) == ["540个", "8.08万个", "98.9%", "10000余份"])
        #expect(quantities.map(\.unit) == ["个", "万个", "%", "份"])
        let people = Self.facts("经调查，对履职不到位的3名干部进行了处理，对8名责任人给予了批评教育。").filter { $0.kind == .accountability }
        #expect(people.map(\.people) == [3, 8])
        let vague = Self.facts("对落实整改责任不力的多名党员干部进行了问责。").filter { $0.kind == .accountability }
        #expect(vague.count == 1)
        #expect(vague.first?.people == nil)
        #expect(Self.facts("3名领导干部围绕学习主题进行了交流发言。").allSatisfy { $0.kind != .accountability })
        #expect(Self.facts("组织学习了《中国共产党纪律处分条例》等党纪法规。").allSatisfy { $0.kind != .accountability })
    }

    @Test func chineseNumerals() {
        #expect(ReaderNumerals.value(of: "十二") == 12)
        #expect(ReaderNumerals.value(of: "二十") == 20)
        #expect(ReaderNumerals.value(of: "一百零五") == 105)
        #expect(ReaderNumerals.value(of: "二〇二四") == 2024)
        #expect(ReaderNumerals.value(of: "⑳") == 20)
        #expect(ReaderNumerals.chineseText(21) == "二十一")
    }
}
