import Foundation
import Testing
@testable import RectifyCore

@Suite struct WarningRulesTests {
    let calendar: WorkingDayCalendar
    let thresholds = WarningThresholds.default

    init() throws {
        calendar = try WorkingDayCalendar.bundled()
    }

    /// Start 2024-03-01, deadline 2024-04-12: 29 working days, including Sunday 04-07 (调休).
    func assess(today: String, progress: Int, status: RectificationStatus = .inProgress,
                kind: MeasureKind = .timeBound, start: String = "2024-03-01",
                deadline: String? = "2024-04-12") -> WarningAssessment {
        let input = WarningInput(start: day(start), deadline: deadline.map(day), progressPercent: progress,
                                 status: status, kind: kind)
        return WarningRules.assess(input, today: day(today), thresholds: thresholds, calendar: calendar)
    }

    @Test func greenWhenOnScheduleAndFarFromDeadline() {
        let result = assess(today: "2024-03-15", progress: 30)
        #expect(result.level == .green)
        #expect(result.reason == "进度正常，距整改期限还有19个工作日")
        #expect(result.workingDaysLeft == 19)
        #expect(result.expectedPercent == 34)  // 10 of 29 working days used
        #expect(result.behindPoints == 4)
        #expect(result.workingDaysOverdue == nil)
    }

    @Test func yellowWhenDueWithinThreshold() {
        let result = assess(today: "2024-04-09", progress: 95)
        #expect(result.level == .yellow)
        #expect(result.reasons == ["距整改期限还有3个工作日"])
        #expect(result.expectedPercent == 90)  // 26 of 29
        #expect(result.behindPoints == nil)
    }

    @Test func dueSoonBoundaryIsInclusive() {
        // (04-03, 04-12] skips 清明 04-04–04-06 and holds 04-07 (调休) and 04-08 … 04-12: six.
        let six = assess(today: "2024-04-03", progress: 100)
        #expect(six.level == .green)
        #expect(six.workingDaysLeft == 6)
        #expect(assess(today: "2024-04-07", progress: 100).reason == "距整改期限还有5个工作日")
    }

    @Test func yellowWhenBehindSchedule() {
        let result = assess(today: "2024-03-15", progress: 10)
        #expect(result.level == .yellow)
        #expect(result.reason == "进度落后序时进度24个百分点（序时进度34%，已报进度10%）")
        #expect(result.behindPoints == 24)
        #expect(result.reportedPercent == 10)
    }

    @Test func behindByExactlyTheThresholdIsStillGreen() {
        let result = assess(today: "2024-03-15", progress: 14)
        #expect(result.behindPoints == 20)
        #expect(result.level == .green)
    }

    @Test func bothYellowReasonsAreGiven() {
        let result = assess(today: "2024-04-09", progress: 50)
        #expect(result.level == .yellow)
        #expect(result.reason == "距整改期限还有3个工作日；进度落后序时进度40个百分点（序时进度90%，已报进度50%）")
    }

    @Test func redWhenOverdue() {
        // (04-12, 04-22]: 04-15 … 04-19, 04-22.
        let result = assess(today: "2024-04-22", progress: 80)
        #expect(result.level == .red)
        #expect(result.reason == "已超期6个工作日")
        #expect(result.workingDaysOverdue == 6)
        #expect(result.workingDaysLeft == nil)
        #expect(result.expectedPercent == 100)
    }

    @Test func overdueCountSkipsHolidays() {
        // Deadline Friday 03-29; (03-29, 04-08] holds 04-01, 04-02, 04-03, 04-07 (调休), 04-08.
        let result = assess(today: "2024-04-08", progress: 80, deadline: "2024-03-29")
        #expect(result.reason == "已超期5个工作日")
    }

    @Test func redOnTheWeekendRightAfterTheDeadline() {
        let result = assess(today: "2024-04-13", progress: 80)
        #expect(result.level == .red)
        #expect(result.workingDaysOverdue == 0)
        #expect(result.reason == "已超过整改期限，超期不足1个工作日")
    }

    @Test func deadlineToday() {
        let done = assess(today: "2024-04-12", progress: 100)
        #expect(done.level == .yellow)
        #expect(done.reasons == ["今日到期"])
        #expect(done.workingDaysLeft == 0)
        #expect(done.expectedPercent == 100)
        let lagging = assess(today: "2024-04-12", progress: 60)
        #expect(lagging.reason == "今日到期；进度落后序时进度40个百分点（序时进度100%，已报进度60%）")
    }

    @Test func deadlineOnAHolidayWithNoWorkingDayLeft() {
        // Deadline Saturday 2024-02-17 (春节), today Friday 02-09: no working day in between.
        let result = assess(today: "2024-02-09", progress: 100, start: "2024-02-01", deadline: "2024-02-17")
        #expect(result.level == .yellow)
        #expect(result.reason == "整改期限前已无工作日")
    }

    @Test func startEqualToDeadline() {
        let before = assess(today: "2024-04-11", progress: 0, kind: .immediate, start: "2024-04-12")
        #expect(before.expectedPercent == 0)
        #expect(before.reason == "距整改期限还有1个工作日")
        let onTheDay = assess(today: "2024-04-12", progress: 0, kind: .immediate, start: "2024-04-12")
        #expect(onTheDay.expectedPercent == 100)
        #expect(onTheDay.reason == "今日到期；进度落后序时进度100个百分点（序时进度100%，已报进度0%）")
    }

    @Test func fullProgressButNotClosedStillFacesTheDeadline() {
        let early = assess(today: "2024-03-15", progress: 100)
        #expect(early.level == .green)
        #expect(early.behindPoints == nil)
        let late = assess(today: "2024-04-15", progress: 100, status: .basicallyCompleted)
        #expect(late.level == .red)
        #expect(late.reason == "已超期1个工作日")
    }

    @Test func closedItemHasNoColour() {
        let result = assess(today: "2024-04-22", progress: 100, status: .closed)
        #expect(result.level == .closed)
        #expect(result.level.colourName == nil)
        #expect(result.reason == "已完成整改并销号")
    }

    @Test func pendingCloseOutIsNotWarned() {
        let result = assess(today: "2024-04-15", progress: 100, status: .pendingCloseOut)
        #expect(result.level == .pendingCloseOut)
        #expect(result.reason == "已申请销号，正在审核验收")
        #expect(result.workingDaysOverdue == 1)
    }

    @Test func longTermWithoutDeadline() {
        let result = assess(today: "2024-04-15", progress: 40, kind: .longTerm, deadline: nil)
        #expect(result.level == .longTerm)
        #expect(result.reason == "长期坚持事项，持续跟踪推进")
        #expect(result.expectedPercent == nil)
        #expect(result.workingDaysLeft == nil)
    }

    @Test func longTermWithAStageDeadlineIsGraded() {
        #expect(assess(today: "2024-04-22", progress: 40, kind: .longTerm).level == .red)
    }

    @Test func timeBoundWithoutDeadlineIsFlagged() {
        let result = assess(today: "2024-04-15", progress: 40, deadline: nil)
        #expect(result.level == .yellow)
        #expect(result.reason == "未设定整改期限，无法计算序时进度")
    }

    @Test func reopenedItemIsGradedAgain() {
        #expect(assess(today: "2024-04-22", progress: 50, status: .reopened).level == .red)
    }

    @Test func yearWithoutCalendarDataIsReported() {
        let result = assess(today: "2026-12-28", progress: 90, start: "2026-12-01", deadline: "2027-01-15")
        #expect(result.unknownYears == [2027])
        #expect(result.calendarWarning == "2027年节假日安排尚未录入，按周一至周五计算")
        #expect(assess(today: "2024-03-15", progress: 30).calendarWarning == nil)
    }

    @Test func progressIsClampedToAPercentage() {
        let input = WarningInput(start: day("2024-03-01"), deadline: nil, progressPercent: 130, status: .inProgress,
                                 kind: .longTerm)
        #expect(input.progressPercent == 100)
    }

    @Test func everyColourHasAWordLabel() {
        #expect(WarningLevel.green.label == "绿色（正常）")
        #expect(WarningLevel.yellow.label == "黄色（预警）")
        #expect(WarningLevel.red.label == "红色（超期）")
        #expect(WarningLevel.closed.label == "已销号")
        #expect(WarningLevel.longTerm.label == "长期坚持")
        #expect(WarningLevel.pendingCloseOut.label == "销号审核中")
        #expect(WarningLevel.allCases.sorted { $0.urgency > $1.urgency }.first == .red)
    }

    @Test func thresholdsDecodeWithDefaultsAndReportBadValues() throws {
        let empty = try JSONDecoder().decode(WarningThresholds.self, from: Data("{}".utf8))
        #expect(empty == .default)
        let partial = try JSONDecoder().decode(WarningThresholds.self, from: Data(#"{"dueSoonWorkingDays":3}"#.utf8))
        #expect(partial == WarningThresholds(dueSoonWorkingDays: 3, behindSchedulePoints: 20))
        #expect(WarningThresholds.default.problems.isEmpty)
        #expect(WarningThresholds(dueSoonWorkingDays: -1, behindSchedulePoints: 120).problems
            == ["临期提醒天数应在0至250个工作日之间", "进度落后阈值应在0至100个百分点之间"])
    }
}
