import Foundation
import RectifyCore
import Testing
@testable import RectifyDocuments

@Suite struct DocumentKindsTests {
    @Test func publicReportReadsBackInOrder() throws {
        let content = SampleContent.publicReport()
        let data = try DocxWriter.write(content.makeDocument())
        let paragraphs = try DocxTextExtractor.paragraphs(from: data)
        #expect(paragraphs == [
            "中共某市城市管理局党组",
            "关于巡察整改进展情况的通报",
            "根据巡察工作有关规定，现将巡察整改进展情况予以公布。",
            "一、党组及主要负责人组织整改落实情况",
            "（一）党组履行巡察整改主体责任情况",
            "局党组把巡察整改作为重要政治任务，制定《巡察反馈意见整改工作方案》，细化整改措施。",
            "（二）党组书记履行巡察整改第一责任人责任情况",
            "党组书记对整改工作亲自抓、负总责，形成问题、任务、责任“三张清单”。",
            "（三）落实巡察整改总体情况",
            "截至2024年4月30日，巡察反馈的四类12方面30个具体问题，已完成整改30个，整改完成率为100%；内部问责23人（其中：科级15人、一般干部8人）。此外，市委书记专题会交办事项2个，已完成整改2个，整改完成率为100%。",
            "二、集中整改期内巡察整改进展情况",
            "（一）巡察反馈问题整改进展情况",
            "1.已完成整改的具体问题（共2个）",
            "（1）关于“协调推动履职不到位”问题",
            "整改情况：①印发《工作机制》〔2024〕3号。②开展日常巡查21次。",
            "（2）关于“‘三资’管理较混乱”问题",
            "整改情况：完成资产清查 & 登记 <全部> 入账。",
            "（二）市委书记专题会交办事项整改进展情况（共1个）",
            "1.关于“要理顺城管体制机制”问题",
            "整改情况：①印发实施方案。②下放管理权限。",
            "三、下一步整改工作安排",
            "1.坚持力度不减，持续抓好整改后续工作。",
            "2.坚持标准不降，不断巩固拓展整改成效。",
            "欢迎广大干部群众对巡察整改进展情况进行监督。如有意见建议，请及时向我们反馈。联系电话：0797-0000000；通信地址：某市某区某路1号，邮政编码：341000；电子邮箱：xczg@example.cn。",
            "中共某市城市管理局党组",
            "2024年8月20日",
        ])
    }

    @Test func statedFiguresAreWrittenAsGivenNotComputed() throws {
        var content = SampleContent.publicReport()
        // A stated count that differs from the items listed is written as stated.
        content.sources[0].groups[0].statedCount = 30
        content.figures = [PublicReportFigure(subject: "巡察反馈的30个具体问题", completed: 28, inProgress: 2, completionRate: "93.3%")]
        let paragraphs = try DocxTextExtractor.paragraphs(from: DocxWriter.write(content.makeDocument()))
        #expect(paragraphs.contains("1.已完成整改的具体问题（共30个）"))
        #expect(paragraphs.contains("截至2024年4月30日，巡察反馈的30个具体问题，已完成整改28个，正在整改2个，整改完成率为93.3%。"))
    }

    @Test(.enabled(if: SeedReport.isPresent, "needs the seed report in ../shared/seed; not run")) func seedProblemsRoundTrip() throws {
        let text = try #require(SeedReport.text(), "seed report not found above \(#filePath)")
        let problems = SeedReport.problems(from: text)
        #expect(problems.count == 30)
        let content = PublicReportContent(
            title: "中共某局党组关于巡察整改进展情况的通报", opening: ["现将巡察整改进展情况予以公布。"], organisation: [],
            sources: [PublicReportSource(heading: "巡察反馈问题整改进展情况", groups: [
                PublicReportGroup(label: "已完成整改的具体问题", statedCount: 30, problems: problems),
            ])],
            nextSteps: [], issuer: "中共某局党组", date: SampleContent.issueDate)
        let paragraphs = try DocxTextExtractor.paragraphs(from: DocxWriter.write(content.makeDocument()))
        var position = paragraphs.startIndex
        for (index, problem) in problems.enumerated() {
            let heading = try #require(paragraphs[position...].firstIndex(of: "（\(index + 1)）\(problem.heading)"))
            #expect(paragraphs[heading + 1] == problem.rectification)
            #expect(SeedReport.splitMeasures(String(paragraphs[heading + 1].dropFirst("整改情况：".count))) == problem.measures)
            position = heading + 1
        }
    }

    @Test func bulletinDetectsHeadingsByPrefix() throws {
        let content = BulletinContent(title: "巡察整改工作进展情况通报", issueNumber: "第12期", paragraphs: [
            "本周各责任单位持续推进整改。",
            "一、总体进展",
            "(一)已完成事项",
            "截至本周，已完成整改措施96条。",
            "十一、其他事项",
            "1.请各单位按时报送进展。",
        ], issuer: "某局巡察整改办", date: Day(year: 2024, month: 1, day: 5)!)
        let doc = content.makeDocument()
        #expect(doc.blocks == [
            .paragraph("本周各责任单位持续推进整改。"),
            .heading1("一、总体进展"),
            .heading2("（一）已完成事项"),
            .paragraph("截至本周，已完成整改措施96条。"),
            .heading1("十一、其他事项"),
            .paragraph("1.请各单位按时报送进展。"),
        ])
        #expect(doc.subtitle == "（第12期）")
        let paragraphs = try DocxTextExtractor.paragraphs(from: DocxWriter.write(doc))
        #expect(paragraphs.last == "2024年1月5日")
    }

    @Test func reminderNoticeHasItemsTable() throws {
        let content = ReminderNoticeContent(
            number: "2024年第5期", addressee: "局党组成员、副局长李某某",
            paragraphs: ["经对账，您分管领域以下整改事项未达到整改时序进度，请督促加快推进。"],
            items: [ReminderNoticeItem(problem: "智慧城管建设质效不高", measure: "推进停车平台联网", leadUnit: "数字化城管中心",
                                       deadline: Day(year: 2024, month: 3, day: 31), overdue: "已超期12天")],
            replyDue: Day(year: 2024, month: 4, day: 19), issuer: "某局巡察整改办", date: Day(year: 2024, month: 4, day: 12)!)
        let paragraphs = try DocxTextExtractor.paragraphs(from: DocxWriter.write(content.makeDocument()))
        #expect(paragraphs == [
            "巡察整改工作提示", "（2024年第5期）", "局党组成员、副局长李某某：",
            "经对账，您分管领域以下整改事项未达到整改时序进度，请督促加快推进。",
            "序号\t问题\t整改措施\t牵头单位\t整改期限\t超期情况",
            "1\t智慧城管建设质效不高\t推进停车平台联网\t数字化城管中心\t2024年3月31日\t已超期12天",
            "请于2024年4月19日前将整改进展情况及佐证材料书面反馈局巡察整改办。",
            "某局巡察整改办", "2024年4月12日",
        ])
    }

    @Test func closeOutSlipTable() throws {
        let day = Day(year: 2024, month: 4, day: 2)!
        let content = CloseOutSlipContent(
            round: "市委第三巡察组2023年常规巡察", problemLabel: "问题（12）", problemTitle: "优化营商环境还有欠缺",
            responsibleUnit: "行政审批科",
            measures: [CloseOutSlipMeasure(text: "压缩审批时限", completion: "已完成"), CloseOutSlipMeasure(text: "公开办事指南", completion: "已完成")],
            evidence: ["审批时限调整文件", "办事指南公开截图"],
            stages: [
                CloseOutSlipStage(label: "责任单位自查意见", decision: "申请销号", opinion: "措施已全部完成", signedBy: "王某", date: day),
                CloseOutSlipStage(label: "整改办审核意见", decision: "同意销号", opinion: "佐证材料齐全", signedBy: "赵某", date: day.adding(days: 3)),
                CloseOutSlipStage(label: "责任领导审定意见", decision: "同意销号", opinion: "", signedBy: "李某", date: day.adding(days: 5)),
            ],
            issuer: "某局巡察整改办", date: day.adding(days: 5))
        let data = try DocxWriter.write(content.makeDocument())
        let paragraphs = try DocxTextExtractor.paragraphs(from: data)
        #expect(paragraphs.contains("整改措施及完成情况\t①压缩审批时限（已完成）\n②公开办事指南（已完成）"))
        #expect(paragraphs.contains("佐证材料\t1.审批时限调整文件\n2.办事指南公开截图"))
        #expect(paragraphs.contains("整改办审核意见\t同意销号。佐证材料齐全\n签字：赵某\u{3000}\u{3000}日期：2024年4月5日"))
        #expect(paragraphs.contains("责任领导审定意见\t同意销号\n签字：李某\u{3000}\u{3000}日期：2024年4月7日"))
        let root = try TestXMLNode.parse(DocxTextExtractor.part("word/document.xml", from: data))
        #expect(root.all("w:tbl").count == 1)
        #expect(root.all("w:tr").count == 9)
        #expect(paragraphs.contains("巡察轮次\t市委第三巡察组2023年常规巡察"))
        #expect(paragraphs.first == "巡察整改问题对账销号单")
    }

    @Test func threeListsAreLandscapeTables() throws {
        let deadline = Day(year: 2024, month: 6, day: 30)
        let content = ListsContent(title: "巡察反馈意见整改“三张清单”", problems: [
            ListsProblem(category: "贯彻落实党的路线方针政策", aspect: "履职尽责", title: "智慧城管建设质效不高", measures: [
                ListsMeasure(text: "推进停车平台联网", target: "接入停车场400个以上", leader: "李某", leadUnit: "数字化城管中心",
                             supportingUnits: ["各区城管局", "市交警支队"], deadline: deadline),
                ListsMeasure(text: "加强信息采集考核", leader: "李某", leadUnit: "数字化城管中心", deadline: nil),
            ]),
        ], issuer: "中共某局党组", date: SampleContent.issueDate)
        let data = try DocxWriter.write(content.makeDocument())
        let root = try TestXMLNode.parse(DocxTextExtractor.part("word/document.xml", from: data))
        #expect(root.all("w:tbl").count == 3)
        let sections = root.all("w:sectPr")
        #expect(sections.compactMap { $0.child("w:pgSz")?["w:orient"] ?? "portrait" } == ["portrait", "landscape"])
        let paragraphs = try DocxTextExtractor.paragraphs(from: data)
        #expect(paragraphs.contains("一、问题清单"))
        // The second and third lists start on new pages without a blank line at the top.
        let captions = root.all("w:p").filter { $0.first("w:pStyle")?["w:val"] == "TableCaption" }
        #expect(captions.map { $0.first("w:pageBreakBefore") != nil } == [false, true, true])
        #expect(!root.all("w:br").contains { $0["w:type"] == "page" })
        #expect(paragraphs.contains("1\t贯彻落实党的路线方针政策\t履职尽责\t智慧城管建设质效不高\t2"))
        #expect(paragraphs.contains("1.1\t智慧城管建设质效不高\t推进停车平台联网\t接入停车场400个以上\t2024年6月30日"))
        #expect(paragraphs.contains("1.2\t加强信息采集考核\t李某\t数字化城管中心\t\t长期坚持"))
        #expect(paragraphs.contains("1.1\t推进停车平台联网\t李某\t数字化城管中心\t各区城管局、市交警支队\t2024年6月30日"))
    }

    @Test func ordinals() {
        #expect((1...12).map(ChineseOrdinal.chinese) == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"])
        #expect(ChineseOrdinal.chinese(20) == "二十")
        #expect(ChineseOrdinal.circled(1) == "①")
        #expect(ChineseOrdinal.circled(20) == "⑳")
        #expect(ChineseOrdinal.circled(21) == "㉑")
        #expect(ChineseOrdinal.circled(36) == "㊱")
        #expect(ChineseOrdinal.circled(50) == "㊿")
    }
}
