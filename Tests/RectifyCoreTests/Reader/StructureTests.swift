import Foundation
import Testing
@testable import RectifyCore

/// Structures of other bodies' reports read by general rules (issue 17): each test states what a
/// real report might write and what the reader must make of it, including when it must not guess.
struct StructureTests {
    static let opening = """
        关于巡察整改进展情况的通报
        2024年3月4日至4月26日，区委第二巡察组对区某局党组开展了常规巡察，6月12日向区某局党组反馈了巡察意见。
        """

    static func read(_ body: String) throws -> (ReadReport, ReportCheck) {
        let report = try ReportReader().read(text: opening + "\n" + body + "\n区某局党组\n2024年11月28日")
        return (report, ReportChecker().analyze(report))
    }

    @Test func aFeedbackDayWithoutItsYearTakesTheYearOfTheRangeBeforeIt() throws {
        let (report, _) = try Self.read("一、总体情况\n截至2024年11月15日，反馈问题1个。")
        #expect(report.round.feedbackDate?.iso == "2024-06-12")
        #expect(report.round.statusDate?.iso == "2024-11-15")
    }

    @Test func aCutOffDateIsNeverTheFeedbackDay() throws {
        let report = try ReportReader().read(text: """
            关于巡察整改进展情况的通报
            2024年4月15日至6月7日，县委第三巡察组对县某局党组开展了常规巡察。目前集中整改期已届满。
            截至2024年10月31日，县委巡察组反馈的2个问题中，已完成整改2个。
            县某局党组
            2024年11月20日
            """)
        #expect(report.round.feedbackDate == nil)
        #expect(report.round.statusDate?.iso == "2024-10-31")
    }

    @Test func inlineNumberedMeasuresAreSplitOnlyWhenTheyRunInOrder() throws {
        let (report, check) = try Self.read("""
            一、反馈问题整改情况
            问题1：合同管理不规范。
            整改措施：1.清理合同；2.修订办法，追回款项3.8712万元；3.建立台账。
            整改进展：已完成。
            问题2：车辆管理存在漏洞。
            整改措施：1.安装定位设备；3.实行一车一卡。
            整改进展：已完成。
            二、总体情况
            反馈问题2个，已完成整改2个，制定整改措施5条。
            """)
        #expect(report.problems.count == 2)
        #expect(report.problems.map(\.status) == [.completed, .completed])
        // 1, 2, 3 in order: three measures, the decimal 3.8712 not among the labels.
        #expect(report.problems[0].measures.map(\.number) == [1, 2, 3])
        // 1 then 3: not a run, so not split, and the measure count is not compared (未能核对), not guessed.
        #expect(report.problems[1].measures.count == 1)
        #expect(!check.findings.contains { $0.rule == .measureCount })
        #expect(check.unchecked.contains { $0.rule == .measureCount })
    }

    @Test func countsWrittenBeforeTheirStatusAreNotTakenForTheTotal() throws {
        let (report, _) = try Self.read("一、总体情况\n截至2024年11月30日，其中18个问题已达到销号标准，剩余2个问题纳入常态化推进。")
        let claim = try #require(report.claims.bySource.first)
        #expect(claim.completed?.count == 18)
        #expect(claim.ongoing?.count == 2)
        // No total is stated: the sum is taken and marked as derived, never 18 read as the total.
        #expect(claim.problemsDerived)
        #expect(claim.problems?.count == 20)
    }

    @Test func ranksNamedAfterATotalAreReadAndCompared() throws {
        let (report, check) = try Self.read("一、总体情况\n截至2024年11月15日，共问责14人，其中县处级1人、乡科级5人、一般干部8人；诫勉谈话3人、批评教育11人。")
        #expect(report.claims.accountabilityTotal?.count == 14)
        #expect(report.claims.accountabilityByRank.map(\.rank) == ["县处级", "乡科级", "一般干部"])
        #expect(!check.findings.contains { $0.rule == .accountabilityRanks || $0.rule == .accountabilityForms })
    }

    @Test func datesInChineseNumeralsAreRead() throws {
        let report = try ReportReader().read(text: """
            关于巡察整改进展情况的通报
            二〇二三年十月九日至十二月一日，县委第五巡察组对县某局党组开展了常规巡察。二〇二四年一月十六日，县委第五巡察组向县某局党组反馈了巡察意见。
            截至二〇二四年六月三十日，反馈问题1个，已完成整改1个。
            县某局党组
            二〇二四年七月八日
            """)
        #expect(report.round.onSiteStart?.iso == "2023-10-09")
        #expect(report.round.onSiteEnd?.iso == "2023-12-01")
        #expect(report.round.feedbackDate?.iso == "2024-01-16")
        #expect(report.round.statusDate?.iso == "2024-06-30")
        #expect(report.round.publicationDate?.iso == "2024-07-08")
    }

    @Test func aDocxTableWithoutAProblemHeaderIsGivenAsTextNotReadAsProblems() throws {
        func cell(_ text: String) -> String { "<w:tc><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc>" }
        let table = "<w:tbl>" + "<w:tr>\(cell("单位"))\(cell("人数"))</w:tr>" + "<w:tr>\(cell("机关"))\(cell("12"))</w:tr>" + "</w:tbl>"
        let paragraphs = [
            "<w:p><w:r><w:t>关于巡察整改进展情况的通报</w:t></w:r></w:p>",
            "<w:p><w:r><w:t>2024年3月4日至4月26日，区委第二巡察组对区某局党组开展了常规巡察。</w:t></w:r></w:p>",
            table,
            "<w:p><w:r><w:t>整改工作有序推进。</w:t></w:r></w:p>",
        ]
        let report = try ReportReader().read(data: try TestDocuments.docx(paragraphs: paragraphs), fileName: "t.docx")
        #expect(report.problems.isEmpty)
        #expect(report.lineCount >= 6)
    }
}
