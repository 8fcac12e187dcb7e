import Foundation
import Testing
@testable import RectifyCore

/// Hand-written reports in the other shapes the genre takes.
struct VariantReportTests {
    /// `N.关于"…"问题` headings, `一是/二是` measures, ASCII punctuation, a provincial 巡视.
    static let numberedAbout = """
        按照省委统一部署,2023年4月10日至6月9日,省委第二巡视组对省交通运输厅党组开展了常规巡视.2023年8月15日,省委第二巡视组向省交通运输厅党组反馈了巡视意见.
        截至2024年2月29日,巡视反馈的3个问题已整改完成3个,整改完成率100%.
        1.关于"农村公路养护资金拨付滞后"问题
        整改情况:一是2023年9月,拨付农村公路养护资金2.4亿元,资金到位率100%.二是2023年10月20日,印发《农村公路养护资金管理办法》(交财字[2023]18号).
        2.关于"'放管服'改革推进不力"问题
        整改情况:一是2023年9月起,推行"一网通办",43项审批事项实现全程网办.二是2023年11月,组织开展业务培训2次.三是对2名责任人进行了诫勉谈话.
        3.关于"执法监督不到位"问题
        整改情况:2023年12月,修订执法监督办法,目前正在组织征求意见.
        中共某省交通运输厅党组
        2024年3月15日
        """

    /// `(一)反馈问题:…` problems with statuses in their progress text, full-width punctuation.
    static let feedbackLabelled = """
        根据县委巡察工作统一部署，2023年3月1日至4月28日，县委第四巡察组对县卫生健康局党组进行了巡察，并于2023年6月8日反馈了巡察意见。
        一、巡察反馈问题整改情况
        （一）反馈问题：理论学习中心组学习流于形式。
        整改情况：已完成整改。2023年7月，修订《党组理论学习中心组学习制度》，全年开展集中学习12次。
        （二）反馈问题：医疗卫生项目推进缓慢。
        整改情况：正在整改。县人民医院住院楼项目主体已封顶，目前正在进行内部装修。
        （三）反馈问题：违规发放津贴补贴。整改情况：已完成整改。追回违规发放的津贴补贴8.6万元，对3名相关责任人进行了批评教育。
        二、下一步工作打算
        继续抓好未完成问题的整改。
        中共某县卫生健康局党组
        2024年1月10日
        """

    /// Only summary figures, no list of problems.
    static let summaryOnly = """
        按照区委统一部署，2023年9月4日至10月27日，区委第二巡察组对区市场监管局党组开展了常规巡察。2023年12月12日，区委第二巡察组向区市场监管局党组反馈了巡察意见。
        截至2024年6月30日，巡察反馈的3个方面15个问题，已完成整改12个，正在整改3个，整改完成率为90%；制定完善制度9项，问责处理4人，追回资金12.5万元。
        欢迎广大干部群众对巡察整改落实情况进行监督。
        中共某区市场监督管理局党组
        2024年7月15日
        """

    /// `一、` followed by `2、`, problems skipping a number, measures skipping one.
    static let irregular = """
        按照市委统一部署，2023年8月7日至10月13日，市委第五巡察组对市档案馆党支部进行了常规巡察。2023年12月5日，市委第五巡察组向市档案馆党支部反馈了巡察意见。
        一、整改总体情况
        截至2024年5月31日，巡察反馈的3个具体问题，已完成整改3个，整改完成率为100%。
        2、具体问题整改情况
        （1）关于“档案数字化进度滞后”问题
        整改情况：①2024年1月，完成馆藏档案数字化扫描3.2万卷。③2024年3月，数字档案系统投入使用。
        （3）关于“库房安全管理不到位”问题
        整改情况：2024年2月，更换库房消防设备6套。
        （4）关于“借阅登记不规范”问题
        整改情况：2024年1月15日，印发《档案借阅管理规定》，补登借阅记录215条。
        中共某市档案馆党支部
        2024年6月20日
        """

    @Test func numberedAboutHeadingsWithOrdinalMeasures() throws {
        let report = try ReportReader().read(text: Self.numberedAbout)
        #expect(report.round.inspectingGroup == "省委第二巡视组")
        #expect(report.round.inspectedBody == "省交通运输厅党组")
        #expect(report.round.onSiteStart == Day(year: 2023, month: 4, day: 10))
        #expect(report.round.feedbackDate == Day(year: 2023, month: 8, day: 15))
        #expect(report.round.statusDate == Day(year: 2024, month: 2, day: 29))
        #expect(report.problems.map(\.title) == ["农村公路养护资金拨付滞后", "'放管服'改革推进不力", "执法监督不到位"])
        #expect(report.problems.map(\.label) == ["1.", "2.", "3."])
        #expect(report.problems.map { $0.measures.map(\.label) } == [["一是", "二是"], ["一是", "二是", "三是"], [""]])
        let first = report.problems[0]
        #expect(first.facts.contains { $0.kind == .money && $0.yuan == 240_000_000 })
        #expect(first.facts.contains { $0.documentNumber == "交财字[2023]18号" })
        #expect(report.problems[1].facts.contains { $0.kind == .accountability && $0.people == 2 })
        let findings = ReportChecker().check(report)
        // Status unstated, but the summary says all 3 are done, so problem 3 is held to it.
        #expect(findings.map(\.rule) == [.noMeasurableResult, .completedButOngoing])
        #expect(findings.allSatisfy { $0.problemNumber == 3 })
    }

    @Test func feedbackLabelledProblemsWithOwnStatuses() throws {
        let report = try ReportReader().read(text: Self.feedbackLabelled)
        #expect(report.round.onSiteEnd == Day(year: 2023, month: 4, day: 28))
        #expect(report.round.feedbackDate == Day(year: 2023, month: 6, day: 8))
        #expect(report.problems.map(\.title) == ["理论学习中心组学习流于形式", "医疗卫生项目推进缓慢", "违规发放津贴补贴"])
        #expect(report.problems.map(\.status) == [.completed, .inProgress, .completed])
        #expect(report.problems.map(\.number) == [1, 2, 3])
        #expect(report.problems[2].progressText.hasPrefix("已完成整改。追回"))
        #expect(!report.problems[2].progressText.contains("继续抓好"))
        let findings = ReportChecker().check(report)
        #expect(findings.map(\.rule) == [.noMeasurableResult])
        #expect(findings.first?.problemNumber == 1)
    }

    @Test func summaryOnlyReport() throws {
        let report = try ReportReader().read(text: Self.summaryOnly)
        #expect(report.problems.isEmpty)
        #expect(report.claims.aspects?.count == 3)
        #expect(report.claims.problems?.count == 15)
        #expect(report.claims.completed?.count == 12)
        #expect(report.claims.regulations?.count == 9)
        #expect(report.claims.accountabilityTotal?.count == 4)
        #expect(report.claims.moneyRecovered.map(\.value) == [125_000])
        let findings = ReportChecker().check(report)
        #expect(findings.map(\.rule) == [.completionRate, .summaryOnly])
        #expect(findings.first?.message == "报告称巡察反馈问题整改完成率为90%，按已完成12个÷问题15个计算应为80%。")
    }

    @Test func irregularNumbering() throws {
        let report = try ReportReader().read(text: Self.irregular)
        #expect(report.sections.map(\.depth) == [1, 1])
        #expect(report.problems.map(\.number) == [1, 3, 4])
        let findings = ReportChecker().check(report)
        #expect(findings.map(\.rule) == [.numberingMixedStyle, .numberingGap, .numberingGap])
        #expect(findings[1].measureNumber == 3)
        #expect(findings[2].problemNumber == 3)
    }
}
