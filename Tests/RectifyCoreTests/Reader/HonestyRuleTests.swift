import Foundation
import Testing
@testable import RectifyCore

/// Never a finding from a figure that was not read: for every rule that compares figures, the
/// planted inconsistency is found when every figure is in the text, and with one of them taken
/// out there is no finding of that rule, only one "未能核对" line for it.
struct HonestyRuleTests {
    static func analyze(_ text: String) throws -> ReportCheck {
        ReportChecker().analyze(try ReportReader().read(text: text))
    }

    /// The rule fires on `planted`; on `withoutFigure` it does not, and is listed once as unchecked.
    static func expectHonest(_ rule: ReportRule, planted: String, withoutFigure: String,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let found = try analyze(planted)
        #expect(found.findings.contains { $0.rule == rule }, "\(rule) should fire with every figure read", sourceLocation: sourceLocation)
        #expect(!found.unchecked.contains { $0.rule == rule }, sourceLocation: sourceLocation)
        let missing = try analyze(withoutFigure)
        #expect(!missing.findings.contains { $0.rule == rule }, "\(rule) fired on a figure that was not read", sourceLocation: sourceLocation)
        #expect(missing.unchecked.filter { $0.rule == rule }.count == 1, "\(rule): \(missing.unchecked)", sourceLocation: sourceLocation)
    }

    @Test func theCleanSnippetLeavesNothingUnchecked() throws {
        let check = try Self.analyze(RuleSnippet.base)
        #expect(check.findings.isEmpty)
        #expect(check.unchecked.isEmpty, "\(check.unchecked)")
    }

    @Test func problemCountWithoutAnItemList() throws {
        let planted = RuleSnippet.text(replacing: "巡察反馈的2个具体问题", with: "巡察反馈的3个具体问题")
        // The same report with its list of problems cut away: the total cannot be compared.
        let start = planted.range(of: "二、巡察反馈问题整改进展情况")!.lowerBound
        let end = planted.range(of: "中共某市水务局党组")!.lowerBound
        var withoutList = planted
        withoutList.removeSubrange(start..<end)
        try Self.expectHonest(.problemCount, planted: planted, withoutFigure: withoutList)
    }

    /// The case a published report met: a completion rate beside a completed count the reader did not
    /// understand, and no itemized list. It was accused of "按已完成0个÷N计算应为0%".
    @Test func completionRateWithoutTheCompletedCount() throws {
        let planted = RuleSnippet.text(replacing: "已完成整改2个，整改完成率为100%", with: "已完成整改1个，整改完成率为100%")
        let withoutCompleted = RuleSnippet.text(replacing: "已完成整改2个，整改完成率为100%", with: "各项整改有序推进，整改完成率为90%")
            .replacingOccurrences(of: "1.已完成整改的具体问题（共2个）\n", with: "")
        try Self.expectHonest(.completionRate, planted: planted, withoutFigure: withoutCompleted)
        let message = try #require(try Self.analyze(withoutCompleted).unchecked.first { $0.rule == .completionRate }?.message)
        #expect(message.contains("90%") && message.contains("未读到已完成整改的"))
    }

    @Test func completionRateWithoutTheTotal() throws {
        let planted = RuleSnippet.text(replacing: "已完成整改2个，整改完成率为100%", with: "已完成整改1个，整改完成率为100%")
        let withoutTotal = planted.replacingOccurrences(of: "巡察反馈的2个具体问题，", with: "巡察反馈的问题，")
        try Self.expectHonest(.completionRate, planted: planted, withoutFigure: withoutTotal)
    }

    @Test func completedCountWithoutItemStatuses() throws {
        let planted = RuleSnippet.text(replacing: "（2）关于", with: "2.正在整改的具体问题（共1个）\n（1）关于")
            .replacingOccurrences(of: "1.已完成整改的具体问题（共2个）", with: "1.已完成整改的具体问题（共1个）")
            .replacingOccurrences(of: "整改完成率为100%", with: "整改完成率为100%，其中已销号2个")
        // Without the status headings the items say nothing of what is done.
        let withoutStatuses = RuleSnippet.text(replacing: "1.已完成整改的具体问题（共2个）\n", with: "")
            .replacingOccurrences(of: "已完成整改2个，整改完成率为100%", with: "已完成整改1个")
        try Self.expectHonest(.completedCount, planted: planted, withoutFigure: withoutStatuses)
    }

    @Test func sectionCountWithoutItemsBelowTheHeading() throws {
        let planted = RuleSnippet.text(replacing: "（共2个）", with: "（共3个）")
        let withoutItems = RuleSnippet.text(replacing: "（共2个）", with: "（共3个）")
            .replacingOccurrences(of: "（1）关于“供水管网漏损率偏高”问题\n整改情况：①2023年12月，完成老旧供水管网改造12公里，管网漏损率下降至9.5%。②2024年1月10日，印发《供水管网巡查管理办法》。\n（2）关于“水费收缴不规范”问题\n整改情况：2024年3月，追回欠缴水费35.6万元。\n", with: "")
        try Self.expectHonest(.sectionCount, planted: planted, withoutFigure: withoutItems)
    }

    @Test func measureCountWhenAProblemsMeasuresWereNotRead() throws {
        let planted = RuleSnippet.text(replacing: "现将巡察整改进展情况予以公布。", with: "研究细化整改措施5条。")
        let unread = planted.replacingOccurrences(of: "整改情况：2024年3月，追回欠缴水费35.6万元。\n", with: "")
        try Self.expectHonest(.measureCount, planted: planted, withoutFigure: unread)
    }

    @Test func accountabilityTotalWithoutCountedMentions() throws {
        let claim = "整改完成率为100%；问责5人。"
        let planted = RuleSnippet.text(replacing: "整改完成率为100%。", with: claim)
            .replacingOccurrences(of: "追回欠缴水费35.6万元。", with: "追回欠缴水费35.6万元，对2名相关责任人进行了诫勉谈话。")
        // No problem says how many were held to account: 0 is not what the text says.
        let uncounted = RuleSnippet.text(replacing: "整改完成率为100%。", with: claim)
        try Self.expectHonest(.accountabilityTotal, planted: planted, withoutFigure: uncounted)
    }

    @Test func actionDatesWithoutTheRoundsDates() throws {
        let late = RuleSnippet.text(replacing: "②2024年1月10日", with: "②2024年5月6日")
        try Self.expectHonest(.dateAfterStatus, planted: late,
                              withoutFigure: late.replacingOccurrences(of: "截至2024年4月30日，", with: ""))
        let early = RuleSnippet.text(replacing: "②2024年1月10日", with: "②2023年6月5日")
        try Self.expectHonest(.dateBeforeInspection, planted: early,
                              withoutFigure: early.replacingOccurrences(of: "2023年7月31日至9月28日，", with: ""))
    }

    @Test func countsOfACutOffTextAreNotCompared() throws {
        let planted = RuleSnippet.text(replacing: "巡察反馈的2个具体问题", with: "巡察反馈的3个具体问题")
        let cut = planted.replacingOccurrences(of: "中共某市水务局党组\n2024年5月20日", with: "")
        let report = try ReportReader().read(text: cut)
        #expect(!report.isComplete)
        try Self.expectHonest(.problemCount, planted: planted, withoutFigure: cut)
    }

    @Test func aRoundSummaryIsNotHeldToAnItemList() throws {
        let summary = """
            按照市委统一部署，2023年3月6日至5月12日，市委第一、第二巡察组对12家单位党组织开展了常规巡察，2023年6月下旬分别反馈了巡察意见。
            截至2023年12月31日，各被巡察单位共反馈面上问题186个，已完成整改171个，整改完成率为91.9%。
            一、强化组织领导
            各单位党组织均召开专题会议研究整改工作。
            市委巡察工作领导小组办公室
            2024年1月15日
            """
        let report = try ReportReader().read(text: summary)
        #expect(report.isRoundSummary)
        let check = ReportChecker().analyze(report)
        #expect(!check.findings.contains { [.problemCount, .summaryOnly, .completedCount].contains($0.rule) }, "\(check.findings)")
        #expect(!check.findings.contains { $0.rule == .completionRate })
    }

    @Test func accountabilityByFormIsEachFormNotTheFirst() throws {
        let text = RuleSnippet.text(replacing: "整改完成率为100%。",
                                    with: "整改完成率为100%；党纪处分0人，诫勉谈话2人，谈话提醒、批评教育5人，通报批评1人。")
        let report = try ReportReader().read(text: text)
        #expect(report.claims.accountabilityTotal == nil, "a form's 0人 is not the total")
        #expect(report.claims.accountabilityByForm.map(\.form) == ["党纪处分", "诫勉谈话", "谈话提醒、批评教育", "通报批评"])
        #expect(report.claims.accountabilityByForm.map(\.people) == [0, 2, 5, 1])
        // Without a stated total, nothing is compared (a sum of forms is not a total the text states).
        #expect(!ReportChecker().analyze(report).findings.contains { $0.rule.rawValue.hasPrefix("claim.accountability") })

        let withTotal = text.replacingOccurrences(of: "；党纪处分0人", with: "；问责9人，其中党纪处分0人")
        let total = try ReportReader().read(text: withTotal)
        #expect(total.claims.accountabilityTotal?.count == 9)
        let finding = try #require(ReportChecker().analyze(total).findings.first { $0.rule == .accountabilityForms })
        #expect(finding.message.contains("合计8人"))
        let matching = withTotal.replacingOccurrences(of: "问责9人", with: "问责8人")
        #expect(!ReportChecker().analyze(try ReportReader().read(text: matching)).findings.contains { $0.rule == .accountabilityForms })
    }

    @Test func moneyIsExact() throws {
        let text = RuleSnippet.text(replacing: "整改完成率为100%。", with: "整改完成率为100%；追回资金144.3241万元。")
        let report = try ReportReader().read(text: text)
        #expect(report.claims.moneyRecovered.map(\.value) == [Decimal(1_443_241)])
        #expect(ReportDecimal.yuan(report.claims.moneyRecovered[0].value) == "1443241.00")
        let json = try ReportRenderer.json(report, findings: [])
        #expect(json.contains(#""value" : "1443241""#), "money is a decimal string in JSON")
        #expect(!json.contains("1443240.99"))
        let fact = try #require(report.problems[1].facts.first { $0.kind == .money })
        #expect(fact.yuan == Decimal(356_000))
    }

    @Test func everyFindingQuotesEachFigureItCompares() throws {
        let text = RuleSnippet.text(replacing: "巡察反馈的2个具体问题，已完成整改2个，整改完成率为100%",
                                    with: "巡察反馈的2个具体问题，整改完成率为90%。已完成整改2个")
        let finding = try #require(try Self.analyze(text).findings.first { $0.rule == .completionRate })
        // The rate and the total stand in one sentence, quoted once; the completed count in the next.
        #expect(finding.quotes.count == 2, "\(finding.quotes.map(\.text))")
        #expect(finding.quotes.contains { $0.text.contains("整改完成率为90%") })
        #expect(finding.quotes.contains { $0.text.contains("已完成整改2个") })
    }
}
