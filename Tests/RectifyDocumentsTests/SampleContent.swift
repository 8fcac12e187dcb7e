import Foundation
import RectifyCore
@testable import RectifyDocuments

/// Hand-written sample content for the document tests.
enum SampleContent {
    static let issueDate = Day(year: 2024, month: 8, day: 20)!

    static func publicReport() -> PublicReportContent {
        PublicReportContent(
            title: "中共某市城市管理局党组关于巡察整改进展情况的通报",
            opening: ["根据巡察工作有关规定，现将巡察整改进展情况予以公布。"],
            organisation: [
                PublicReportSubsection(heading: "党组履行巡察整改主体责任情况",
                                       paragraphs: ["局党组把巡察整改作为重要政治任务，制定《巡察反馈意见整改工作方案》，细化整改措施。"]),
                PublicReportSubsection(heading: "党组书记履行巡察整改第一责任人责任情况",
                                       paragraphs: ["党组书记对整改工作亲自抓、负总责，形成问题、任务、责任“三张清单”。"]),
            ],
            summaryDate: Day(year: 2024, month: 4, day: 30),
            figures: [
                PublicReportFigure(subject: "巡察反馈的四类12方面30个具体问题", completed: 30, completionRate: "100%",
                                   note: "内部问责23人（其中：科级15人、一般干部8人）"),
                PublicReportFigure(subject: "市委书记专题会交办事项2个", completed: 2, completionRate: "100%"),
            ],
            sources: [
                PublicReportSource(heading: "巡察反馈问题整改进展情况", groups: [
                    PublicReportGroup(label: "已完成整改的具体问题", statedCount: 2, problems: [
                        PublicReportProblem(title: "协调推动履职不到位", measures: ["印发《工作机制》〔2024〕3号。", "开展日常巡查21次。"]),
                        PublicReportProblem(title: "“三资”管理较混乱", measures: ["完成资产清查 & 登记 <全部> 入账。"]),
                    ]),
                ]),
                PublicReportSource(heading: "市委书记专题会交办事项整改进展情况", statedCount: 1, groups: [
                    PublicReportGroup(problems: [PublicReportProblem(title: "要理顺城管体制机制", measures: ["印发实施方案。", "下放管理权限。"])]),
                ]),
            ],
            nextSteps: ["坚持力度不减，持续抓好整改后续工作。", "坚持标准不降，不断巩固拓展整改成效。"],
            contacts: PublicReportContacts(telephone: "0797-0000000", address: "某市某区某路1号", postcode: "341000", email: "xczg@example.cn"),
            issuer: "中共某市城市管理局党组",
            date: issueDate)
    }
}
