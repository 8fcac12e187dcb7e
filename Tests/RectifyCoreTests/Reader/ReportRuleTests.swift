import Foundation
import Testing
@testable import RectifyCore

/// Each rule against a snippet that breaks it and against the clean snippet.
struct ReportRuleTests {
    @Test func cleanSnippetHasNoFindings() throws {
        let (report, findings) = try RuleSnippet.check(RuleSnippet.base)
        #expect(report.problems.count == 2)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
    }

    @Test func problemCount() throws {
        let (_, findings) = try RuleSnippet.check(RuleSnippet.text(replacing: "巡察反馈的2个具体问题", with: "巡察反馈的3个具体问题"))
        let finding = try #require(findings.first { $0.rule == .problemCount })
        #expect(finding.severity == .error)
        #expect(finding.message == "报告称巡察反馈问题3个，正文逐项列出2个。")
        #expect(finding.quote?.location.line == 3)
    }

    @Test func sectionCount() throws {
        let rules = try RuleSnippet.rules(RuleSnippet.text(replacing: "（共2个）", with: "（共3个）"))
        #expect(rules == [.sectionCount])
    }

    @Test func completedCountAndRate() throws {
        let text = RuleSnippet.text(replacing: "（2）关于", with: "2.正在整改的具体问题（共1个）\n（1）关于")
            .replacingOccurrences(of: "1.已完成整改的具体问题（共2个）", with: "1.已完成整改的具体问题（共1个）")
        let (report, findings) = try RuleSnippet.check(text)
        #expect(report.problems.map(\.status) == [.completed, .inProgress])
        #expect(findings.map(\.rule) == [.completedCount])
        let rate = try RuleSnippet.rules(RuleSnippet.text(replacing: "已完成整改2个", with: "已完成整改1个"))
        #expect(rate.contains(.completionRate))
        let consistent = try RuleSnippet.rules(RuleSnippet.text(replacing: "已完成整改2个，整改完成率为100%", with: "已完成整改1个，整改完成率为50%"))
        #expect(!consistent.contains(.completionRate))
    }

    @Test func measureCount() throws {
        let more = try RuleSnippet.rules(RuleSnippet.text(replacing: "现将巡察整改进展情况予以公布。", with: "研究细化整改措施5条。"))
        #expect(more == [.measureCount])
        let same = try RuleSnippet.rules(RuleSnippet.text(replacing: "现将巡察整改进展情况予以公布。", with: "研究细化整改措施3条。"))
        #expect(same.isEmpty)
    }

    @Test func accountabilityTotalAndRanks() throws {
        let claim = "整改完成率为100%；问责3人（其中：科级1人、一般干部2人）。"
        let named = "追回欠缴水费35.6万元，对2名相关责任人进行了谈话提醒。"
        let text = RuleSnippet.text(replacing: "整改完成率为100%。", with: claim)
            .replacingOccurrences(of: "追回欠缴水费35.6万元。", with: named)
        let (report, findings) = try RuleSnippet.check(text)
        #expect(report.claims.accountabilityByRank.map(\.people) == [1, 2])
        let finding = try #require(findings.first { $0.rule == .accountabilityTotal })
        #expect(finding.severity == .error)
        #expect(finding.message.contains("合计2人"))
        #expect(!findings.contains { $0.rule == .accountabilityRanks })

        let vague = text.replacingOccurrences(of: "（1）关于", with: "（1）关于").replacingOccurrences(
            of: "印发《供水管网巡查管理办法》。", with: "印发《供水管网巡查管理办法》，对多名党员干部进行了问责。")
        let vagueFinding = try #require(try RuleSnippet.check(vague).1.first { $0.rule == .accountabilityTotal })
        #expect(vagueFinding.severity == .warning)
        #expect(vagueFinding.message.contains("“多名”"))

        let exact = text.replacingOccurrences(of: "对2名相关责任人", with: "对3名相关责任人")
        #expect(try RuleSnippet.rules(exact).isEmpty)
        let badRanks = exact.replacingOccurrences(of: "一般干部2人", with: "一般干部1人")
        #expect(try RuleSnippet.rules(badRanks) == [.accountabilityRanks])
    }

    @Test func summaryOnly() throws {
        let text = """
            按照区委统一部署，2023年9月4日至10月27日，区委第二巡察组对区市场监管局党组开展了常规巡察。2023年12月12日，区委第二巡察组向区市场监管局党组反馈了巡察意见。
            截至2024年6月30日，巡察反馈的3个方面15个问题，已完成整改12个，正在整改3个，整改完成率为80%。
            中共某区市场监督管理局党组
            2024年7月15日
            """
        #expect(try RuleSnippet.rules(text) == [.summaryOnly])
        #expect(try !RuleSnippet.rules(RuleSnippet.base).contains(.summaryOnly))
    }

    @Test func measureNumberingRepeatAndGap() throws {
        let repeated = try RuleSnippet.check(RuleSnippet.text(replacing: "②2024年1月10日", with: "①2024年1月10日")).1
        #expect(repeated.map(\.rule) == [.numberingRepeat])
        #expect(repeated.first?.problemNumber == 1)
        #expect(repeated.first?.measureNumber == 1)
        let gap = try RuleSnippet.check(RuleSnippet.text(replacing: "②2024年1月10日", with: "③2024年1月10日")).1
        #expect(gap.map(\.rule) == [.numberingGap])
        #expect(gap.first?.message.contains("由1跳至3") == true)
    }

    @Test func problemNumberingRepeatAndGap() throws {
        let repeated = try RuleSnippet.rules(RuleSnippet.text(replacing: "（2）关于", with: "（1）关于"))
        #expect(repeated == [.numberingRepeat])
        let gap = try RuleSnippet.rules(RuleSnippet.text(replacing: "（2）关于", with: "（3）关于"))
        #expect(gap == [.numberingGap])
    }

    @Test func mixedHeadingStyle() throws {
        let sections = try RuleSnippet.rules(RuleSnippet.text(replacing: "二、巡察反馈问题", with: "2、巡察反馈问题"))
        #expect(sections == [.numberingMixedStyle])
        let problems = try RuleSnippet.rules(RuleSnippet.text(replacing: "（2）关于", with: "2.关于"))
        #expect(problems == [.numberingMixedStyle])
    }

    @Test func dateBeforeInspection() throws {
        let early = try RuleSnippet.check(RuleSnippet.text(replacing: "②2024年1月10日", with: "②2023年6月5日")).1
        #expect(early.map(\.rule) == [.dateBeforeInspection])
        #expect(early.first?.quote?.text == "②2023年6月5日，印发《供水管网巡查管理办法》。")
        let spanning = try RuleSnippet.rules(RuleSnippet.text(replacing: "②2024年1月10日", with: "②2023年7—9月"))
        #expect(spanning.isEmpty)
        let since = try RuleSnippet.rules(RuleSnippet.text(replacing: "②2024年1月10日", with: "②2021年以来"))
        #expect(since.isEmpty)
    }

    @Test func dateAfterStatus() throws {
        let late = try RuleSnippet.rules(RuleSnippet.text(replacing: "②2024年1月10日", with: "②2024年5月6日"))
        #expect(late == [.dateAfterStatus])
        let onTime = try RuleSnippet.rules(RuleSnippet.text(replacing: "②2024年1月10日", with: "②2024年4月30日"))
        #expect(onTime.isEmpty)
    }

    @Test func statusAfterPublicationAndRoundOrder() throws {
        let late = try RuleSnippet.rules(RuleSnippet.text(replacing: "2024年5月20日", with: "2024年4月20日"))
        #expect(late == [.statusAfterPublication])
        let order = try RuleSnippet.rules(RuleSnippet.text(replacing: "2023年11月2日，", with: "2023年9月2日，"))
        #expect(order == [.roundOrder])
    }

    @Test func completedButOngoing() throws {
        let ongoing = try RuleSnippet.check(RuleSnippet.text(replacing: "追回欠缴水费35.6万元。", with: "追回欠缴水费35.6万元，其余欠费正在协调收缴。")).1
        #expect(ongoing.map(\.rule) == [.completedButOngoing])
        #expect(ongoing.first?.problemNumber == 2)
        #expect(ongoing.first?.quote?.text == "2024年3月，追回欠缴水费35.6万元，其余欠费正在协调收缴。")
        for phrase in ["对正在发展的党员加强考察。", "经排查，尚未发现同类问题。"] {
            let text = RuleSnippet.text(replacing: "追回欠缴水费35.6万元。", with: "追回欠缴水费35.6万元。" + phrase)
            #expect(try RuleSnippet.rules(text).isEmpty, "\(phrase)")
        }
        let inProgress = RuleSnippet.text(replacing: "1.已完成整改的具体问题（共2个）", with: "1.正在整改的具体问题（共2个）")
            .replacingOccurrences(of: "追回欠缴水费35.6万元。", with: "追回欠缴水费35.6万元，其余欠费正在协调收缴。")
        #expect(try !RuleSnippet.rules(inProgress).contains(.completedButOngoing))
    }

    @Test func paperOnlyRectification() throws {
        let paper = "②2024年1月10日，召开专题会议学习有关规定，印发《供水管网巡查管理办法》。"
        let onlyPaper = RuleSnippet.text(replacing: "①2023年12月，完成老旧供水管网改造12公里，管网漏损率下降至9.5%。", with: "")
            .replacingOccurrences(of: "②2024年1月10日，印发《供水管网巡查管理办法》。", with: paper)
        let (report, findings) = try RuleSnippet.check(onlyPaper)
        #expect(report.problems[0].measures[0].actions == [.study, .meeting, .document])
        // Removing ① leaves ② first, which the numbering rule reports too.
        #expect(Set(findings.map(\.rule)) == [.numberingGap, .noMeasurableResult])
        #expect(findings.first { $0.rule == .noMeasurableResult }?.problemNumber == 1)
        let counted = onlyPaper.replacingOccurrences(of: "印发《供水管网巡查管理办法》。", with: "整改管网隐患问题12个。")
        #expect(try !RuleSnippet.rules(counted).contains(.noMeasurableResult))
    }

    @Test func noProgressText() throws {
        let rules = try RuleSnippet.rules(RuleSnippet.text(replacing: "整改情况：2024年3月，追回欠缴水费35.6万元。\n", with: ""))
        #expect(rules == [.noProgressText])
    }

    @Test func everyRuleHasAChineseSummary() {
        for rule in ReportRule.allCases {
            #expect(!rule.summary.isEmpty)
            #expect(rule.rawValue.contains("."))
        }
    }
}
