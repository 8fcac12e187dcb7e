import Foundation
import Testing
@testable import RectifyCore

@Suite struct EscalationPolicyTests {
    let calendar: WorkingDayCalendar
    let policy = EscalationPolicy.default
    let deadline = day("2024-04-12")

    init() throws {
        calendar = try WorkingDayCalendar.bundled()
    }

    func decision(on today: Day, status: RectificationStatus = .inProgress, item: String = "M-12") -> EscalationDecision {
        policy.step(forItem: item, deadline: deadline, status: status, today: today, calendar: calendar)
    }

    /// The working day `n` working days before the deadline.
    func before(_ n: Int) -> Day {
        calendar.adding(workingDays: -n, to: deadline).value
    }

    @Test func defaultPolicyIsSound() {
        #expect(policy.problems.isEmpty)
        #expect(policy.steps.map(\.summary) == [
            "到期前20个工作日：经办人（责任单位联系人）",
            "到期前10个工作日：经办人（责任单位联系人）、责任领导",
            "超期1个工作日起：单位主要负责人、党组书记",
        ])
    }

    @Test func nothingBeforeT20() {
        let result = decision(on: before(21))
        #expect(result.step == nil)
        #expect(result.idempotencyKey == nil)
        #expect(result.workingDaysLeft == 21)
    }

    @Test func t20ReachesTheHandler() {
        let result = decision(on: before(20))
        #expect(result.step?.id == "t-20")
        #expect(result.step?.recipients == [.handler])
        #expect(result.step?.documentTitle == "巡察整改工作提示")
        #expect(result.workingDaysLeft == 20)
        #expect(decision(on: before(11)).step?.id == "t-20")
    }

    @Test func t10AddsTheResponsibleLeader() {
        let result = decision(on: before(10))
        #expect(result.step?.id == "t-10")
        #expect(result.step?.recipients == [.handler, .responsibleLeader])
        #expect(decision(on: deadline).step?.id == "t-10")
    }

    @Test func overdueGoesToUnitHeadAndPartySecretary() {
        // Saturday after the deadline: past it, but not yet a working day overdue.
        let weekend = decision(on: day("2024-04-13"))
        #expect(weekend.step?.id == "t-10")
        #expect(weekend.workingDaysOverdue == 0)
        let monday = decision(on: day("2024-04-15"))
        #expect(monday.step?.id == "overdue")
        #expect(monday.step?.recipients == [.unitHead, .partySecretary])
        #expect(monday.step?.documentTitle == "巡察整改督办单")
        #expect(monday.workingDaysOverdue == 1)
        #expect(monday.workingDaysLeft == nil)
        // April 15–30 with 04-28 (调休): 13; May after 劳动节 with 05-11 (调休): 12.
        #expect(decision(on: day("2024-05-20")).workingDaysOverdue == 25)
    }

    @Test func lateAssignmentSkipsEarlierSteps() {
        // An item first scanned 8 working days before its deadline gets the T−10 notice only.
        #expect(decision(on: before(8)).step?.id == "t-10")
    }

    @Test func noNoticeForClosedPendingOrUndatedItems() {
        let today = day("2024-04-15")
        #expect(decision(on: today, status: .closed).step == nil)
        #expect(decision(on: today, status: .pendingCloseOut).step == nil)
        #expect(decision(on: today, status: .pendingCloseOut).workingDaysOverdue == 1)
        let undated = policy.step(forItem: "M-1", deadline: nil, status: .inProgress, today: today, calendar: calendar)
        #expect(undated.step == nil)
        #expect(decision(on: today, status: .reopened).step?.id == "overdue")
    }

    @Test func idempotencyKeyIsStableWithinAStep() {
        let first = decision(on: before(10))
        let later = decision(on: before(3))
        #expect(first.idempotencyKey == "escalation/v1/M-12/t-10/2024-04-12")
        #expect(first.idempotencyKey == later.idempotencyKey)
        #expect(decision(on: before(10)).idempotencyKey == first.idempotencyKey)
    }

    @Test func idempotencyKeyDiffersByStepItemAndDeadline() {
        let keys = [
            decision(on: before(20)).idempotencyKey,
            decision(on: before(10)).idempotencyKey,
            decision(on: day("2024-04-15")).idempotencyKey,
            decision(on: before(10), item: "M-13").idempotencyKey,
            EscalationPolicy.idempotencyKey(itemID: "M-12", stepID: "t-10", deadline: day("2024-04-30")),
        ]
        #expect(Set(keys.compactMap { $0 }).count == 5)
    }

    @Test func idempotencyKeyEscapesSeparatorsInIDs() {
        let key = EscalationPolicy.idempotencyKey(itemID: "问题/3", stepID: "t-10", deadline: day("2024-04-12"))
        #expect(key == "escalation/v1/%E9%97%AE%E9%A2%98%2F3/t-10/2024-04-12")
    }

    @Test func customPolicyFromJSON() throws {
        let json = """
        { "steps": [
          { "id": "due", "trigger": { "timing": "before_deadline", "workingDays": 0 },
            "recipients": ["handler"], "documentTitle": "巡察整改工作提示" },
          { "id": "late", "trigger": { "timing": "after_deadline", "workingDays": 0 },
            "recipients": ["responsible_leader", "unit_head"], "documentTitle": "巡察整改督办单" } ] }
        """
        let custom = try JSONDecoder().decode(EscalationPolicy.self, from: Data(json.utf8))
        #expect(custom.problems.isEmpty)
        func step(_ today: String) -> String? {
            custom.step(forItem: "M-1", deadline: deadline, status: .inProgress, today: day(today),
                        calendar: calendar).step?.id
        }
        #expect(step("2024-04-11") == nil)
        #expect(step("2024-04-12") == "due")
        #expect(step("2024-04-13") == "late")
        #expect(custom.steps[1].trigger.label == "超过整改期限即")
        #expect(custom.steps[0].trigger.label == "到期当日")
    }

    @Test func policyProblemsAreNamed() {
        let bad = EscalationPolicy(steps: [
            EscalationStep(id: "a", trigger: .beforeDeadline(5), recipients: [.handler], documentTitle: "提示"),
            EscalationStep(id: "a", trigger: .afterDeadline(-1), recipients: [], documentTitle: " "),
        ])
        #expect(bad.problems == [
            "督办步骤编号“a”重复",
            "督办步骤“a”未指定接收人",
            "督办步骤“a”的工作日数不能为负数",
            "督办步骤“a”缺少文书名称",
        ])
    }

    @Test func unknownCalendarYearIsCarried() {
        let result = policy.step(forItem: "M-1", deadline: day("2027-01-20"), status: .inProgress,
                                 today: day("2026-12-28"), calendar: calendar)
        #expect(result.unknownYears == [2027])
        #expect(result.calendarWarning == "2027年节假日安排尚未录入，按周一至周五计算")
    }

    @Test func noticeNumbering() {
        let issued = [
            NoticeSequenceNumber(year: 2024, sequence: 3),
            NoticeSequenceNumber(year: 2024, sequence: 4),
            NoticeSequenceNumber(year: 2023, sequence: 9),
        ]
        let next = NoticeSequenceNumber.next(in: 2024, issued: issued)
        #expect(next.text == "2024年第5期")
        #expect(NoticeSequenceNumber.next(in: 2025, issued: issued).text == "2025年第1期")
        #expect(NoticeSequenceNumber(text: " 2024年第5期 ") == next)
        #expect(NoticeSequenceNumber(text: "2024年5期") == nil)
        #expect(NoticeSequenceNumber(text: "2024年第0期") == nil)
        #expect(issued.sorted().map(\.text) == ["2023年第9期", "2024年第3期", "2024年第4期"])
    }
}
