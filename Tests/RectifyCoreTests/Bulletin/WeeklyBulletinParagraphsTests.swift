import Foundation
import Testing
@testable import RectifyCore

@Suite struct WeeklyBulletinParagraphsTests {
    typealias F = BulletinFixture
    let body = "市教育局党组"
    let round = "市委第三轮巡察"

    /// Week 2024-W05 (01-29…02-04): 15 measures, 12 closed (2 of them this week), one newly red,
    /// one already red, one newly yellow, one stale, three notices.
    func richBulletin() throws -> WeeklyBulletin {
        var measures = (1...10).map {
            F.measure("c\($0)", history: [("2024-01-02", .inProgress), ("2024-01-15", .closed)])
        }
        measures += [
            F.measure("done1", unit: "市财政局", label: "(1)①", text: "建立健全专项资金管理制度",
                      history: [("2024-01-02", .inProgress), ("2024-01-30", .closed)]),
            F.measure("done2", unit: "市民政局", label: "(2)③", text: "完成历史遗留问题清理",
                      history: [("2024-01-02", .inProgress), ("2024-02-04", .closed)]),
            F.measure("newRed", unit: "市财政局", label: "(3)②", text: "追回违规发放的津贴补贴",
                      deadline: "2024-02-01", progress: [("2024-01-26", 80)]),
            F.measure("oldRed", unit: "市民政局", label: "(4)①", text: "整改不规范的政府采购项目",
                      deadline: "2024-01-15", progress: [("2024-01-10", 60)]),
            F.measure("newYellow", unit: "市民政局", label: "(5)②", text: "修订议事决策规则",
                      deadline: "2024-02-08", progress: [("2024-01-26", 90)], reports: ["2024-01-05"]),
        ]
        let notices = [
            F.notice("2024年第3期", title: "关于加快推进超期整改事项的巡察整改工作提示", issued: "2024-01-31",
                     replyDue: "2024-02-06", state: .issued),
            F.notice("2024年第1期", title: "《关于巡察整改进展报送情况的提示》", issued: "2024-01-15",
                     replyDue: "2024-01-22", state: .read),
            F.notice("2024年第2期", issued: "2024-01-16", replyDue: "2024-01-23", state: .replied,
                     replied: "2024-01-22"),
        ]
        return try F.build("2024-W05", measures: measures, notices: notices)
    }

    @Test func summaryAndSectionsCarryTheFigures() throws {
        let lines = try richBulletin().paragraphs(bodyName: body, roundTitle: round)
        let text = lines.joined(separator: "\n")
        #expect(lines.first == "巡察整改进展情况通报（2024年第5周）")
        #expect(lines[1].hasPrefix("截至2月4日，市教育局党组落实市委第三轮巡察反馈意见共有整改措施15项，"
            + "已完成整改12项，整改完成率80%；尚未完成整改3项，其中红色预警2项、黄色预警1项。"))
        #expect(lines[1].hasSuffix("本周（1月29日—2月4日）完成整改2项，新增红色预警1项、新增黄色预警1项。"))

        let headings = ["一、本周完成整改情况", "二、新增预警情况", "三、督办提示签发及回复情况",
                        "四、各单位超期情况", "五、进展报送情况", "六、下一步工作要求"]
        let positions = headings.compactMap { lines.firstIndex(of: $0) }
        #expect(positions.count == 6)
        #expect(positions == positions.sorted())

        #expect(lines.contains("本周完成整改2项："))
        #expect(lines.contains("1. (1)① 建立健全专项资金管理制度（牵头单位：市财政局；1月30日完成整改）"))
        #expect(lines.contains("2. (2)③ 完成历史遗留问题清理（牵头单位：市民政局；2月4日完成整改）"))
        #expect(lines.contains("本周新增红色预警1项："))
        #expect(lines.contains("1. (3)② 追回违规发放的津贴补贴（牵头单位：市财政局；整改期限：2月1日；已超期2个工作日）"))
        #expect(lines.contains("1. (5)② 修订议事决策规则（牵头单位：市民政局；整改期限：2月8日；距整改期限还有4个工作日）"))
        // Red on both Sundays: counted, never listed as new.
        #expect(!text.contains("(4)①"))

        #expect(lines.contains("本周签发督办提示1份："))
        #expect(lines.contains("1. 2024年第3期《关于加快推进超期整改事项的巡察整改工作提示》（1月31日签发，要求2月6日前回复）"))
        #expect(lines.contains("截至2月4日，尚有2份督办提示未回复，其中1份已超过回复期限："))
        #expect(lines.contains(
            "1. 2024年第1期《关于巡察整改进展报送情况的提示》（1月15日签发，回复期限1月22日，已超期10个工作日未回复）"))
        #expect(lines.contains("2. 2024年第3期《关于加快推进超期整改事项的巡察整改工作提示》（1月31日签发，回复期限2月6日）"))
        #expect(!text.contains("2024年第2期"))

        #expect(lines.contains("截至2月4日，共有2项整改措施超过整改期限仍未完成，涉及2个单位，"
            + "按超期措施数量由多到少依次为：市民政局（1项）、市财政局（1项）。"))
        #expect(lines.contains("截至2月4日，有1项整改措施连续10个工作日以上未报送整改进展："))
        #expect(lines.contains("1. (5)② 修订议事决策规则（牵头单位：市民政局；最近一次报送为1月5日，已连续21个工作日未报送）"))
        #expect(lines.contains("进展报送及时率未达100%的单位为市民政局（50%）。"))

        let requirements = try #require(positions.last.map { lines[$0 + 1] })
        #expect(requirements.hasPrefix("各单位要切实扛起巡察整改主体责任"))
        #expect(requirements.hasSuffix("按照有关规定严肃问责。"))
        #expect(lines.last == requirements)
    }

    @Test func emptyListsAreSaidSo() throws {
        let lines = try F.build("2024-W05", measures: [
            F.measure("green", progress: [("2024-02-01", 30)]),
        ]).paragraphs(bodyName: body, roundTitle: round)
        #expect(lines[1].hasPrefix("截至2月4日，市教育局党组落实市委第三轮巡察反馈意见共有整改措施1项，"
            + "已完成整改0项，整改完成率0%；尚未完成整改1项，其中红色预警0项、黄色预警0项、正常推进1项。"))
        for expected in ["本周无新完成整改的措施。", "本周无新增红色预警。", "本周无新增黄色预警。", "本周未签发督办提示。",
                         "截至2月4日，已签发的督办提示均已回复。", "截至2月4日，各单位均无超期未完成的整改措施。",
                         "截至2月4日，无连续10个工作日以上未报送整改进展的措施。", "各单位均按时报送整改进展。"] {
            #expect(lines.contains(expected), "\(expected)")
        }
        #expect(!lines.contains { $0.hasPrefix("注：") })
    }

    @Test func emptyLedgerHasNoFigures() throws {
        let lines = try F.build("2024-W05", measures: []).paragraphs(bodyName: body, roundTitle: round)
        #expect(lines[1] == "截至2月4日，市教育局党组落实市委第三轮巡察反馈意见整改台账中尚无整改措施。")
        #expect(!lines.contains("各单位均按时报送整改进展。"))
    }

    @Test func datesOutsideTheBulletinYearCarryTheirYear() throws {
        // 2026-W01 runs 2025-12-29 to 2026-01-04.
        let lines = try F.build("2026-W01", measures: [
            F.measure("x", label: "(6)①", text: "规范公务接待管理", start: "2025-06-02", deadline: "2025-12-31",
                      history: [("2025-06-02", .inProgress), ("2025-12-30", .closed)]),
        ]).paragraphs(bodyName: body, roundTitle: round)
        #expect(lines.first == "巡察整改进展情况通报（2026年第1周）")
        #expect(lines[1].hasPrefix("截至1月4日，"))
        #expect(lines[1].contains("本周（2025年12月29日—2026年1月4日）完成整改1项"))
        #expect(lines.contains("1. (6)① 规范公务接待管理（牵头单位：市教育局；2025年12月30日完成整改）"))
    }

    @Test func missingCalendarYearAddsNote() throws {
        let lines = try F.build("2026-W53", measures: []).paragraphs(bodyName: body, roundTitle: round)
        #expect(lines[1].hasPrefix("截至2027年1月3日，"))
        #expect(lines.last == "注：2027年节假日安排尚未录入，按周一至周五计算，涉及工作日的数据仅供参考。")
    }

    @Test func overdueRankingWording() throws {
        let overdue = "2024-01-15"
        let several = try F.build("2024-W05", measures: [
            F.measure("a1", unit: "市教育局", deadline: overdue),
            F.measure("a2", unit: "市教育局", deadline: overdue),
            F.measure("b1", unit: "市水务局", deadline: overdue),
            F.measure("b2", unit: "市水务局", deadline: overdue),
            F.measure("b3", unit: "市水务局", deadline: overdue),
            F.measure("c1", unit: "市财政局", deadline: overdue),
        ], settings: BulletinSettings(topUnits: 2)).paragraphs(bodyName: body, roundTitle: round)
        #expect(several.contains("截至2月4日，共有6项整改措施超过整改期限仍未完成，涉及3个单位，"
            + "超期措施数量居前2位的单位依次为：市水务局（3项）、市教育局（2项）。"))

        let single = try F.build("2024-W05", measures: [F.measure("c1", unit: "市财政局", deadline: overdue)])
            .paragraphs(bodyName: body, roundTitle: round)
        #expect(single.contains("截至2月4日，共有1项整改措施超过整改期限仍未完成，涉及1个单位：市财政局（1项）。"))
    }

    @Test func staleWordingForNeverReportedAndTimelinessRanking() throws {
        let lines = try F.build("2024-W08", measures: [
            F.measure("n", unit: "市民政局", label: "(7)②", text: "完善基层公开制度", start: "2024-02-01", reports: []),
            F.measure("m", unit: "市民政局", reports: ["2024-02-23"]),
            F.measure("m2", unit: "市民政局", reports: ["2024-02-23"]),
            F.measure("j", unit: "市教育局", reports: ["2024-01-31"]),
            F.measure("j2", unit: "市教育局", reports: ["2024-02-22"]),
        ]).paragraphs(bodyName: body, roundTitle: round)
        #expect(lines.contains("2. (7)② 完善基层公开制度（牵头单位：市民政局；自2月1日启动整改以来未报送进展，计13个工作日）"))
        #expect(lines.contains("进展报送及时率未达100%的单位按及时率由低到高依次为：市教育局（50%）、市民政局（66.7%）。"))
    }

    @Test func replyDeadlineJustBeforeWeekendIsStillOverdue() throws {
        // 2024-W04 ends Sunday 01-28; a reply due Saturday 01-27 is late with no working day past it.
        let lines = try F.build("2024-W04", measures: [], notices: [
            F.notice("2024年第1期", title: "关于报送整改台账的提示", issued: "2024-01-22", replyDue: "2024-01-27",
                     state: .issued),
        ]).paragraphs(bodyName: body, roundTitle: round)
        #expect(lines.contains("截至1月28日，尚有1份督办提示未回复，其中1份已超过回复期限："))
        #expect(lines.contains("1. 2024年第1期《关于报送整改台账的提示》（1月22日签发，回复期限1月27日，已超过回复期限）"))
    }

    @Test func longTextsAreShortened() throws {
        let long = String(repeating: "规范", count: 40)
        let lines = try F.build("2024-W05", measures: [
            F.measure("x", label: "(8)①", text: long, history: [("2024-01-02", .inProgress), ("2024-02-01", .closed)]),
        ]).paragraphs(bodyName: body, roundTitle: round)
        let expected = "1. (8)① " + String(long.prefix(60)) + "……（牵头单位：市教育局；2月1日完成整改）"
        #expect(lines.contains(expected))
    }
}
