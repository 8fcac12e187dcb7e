import Foundation
import Testing
@testable import RectifyCore

/// Week 2024-W05 runs Monday 2024-01-29 to Sunday 2024-02-04 (a 调休 working day); the
/// previous Sunday is 2024-01-28.
@Suite struct WeeklyBulletinBuilderTests {
    typealias F = BulletinFixture
    let day = BulletinFixture.day

    // MARK: Totals and completions

    @Test func completionCountsStatusAsOfSunday() throws {
        let bulletin = try F.build("2024-W05", measures: [
            F.measure("closedSunday", history: [("2024-01-02", .inProgress), ("2024-02-04", .closed)]),
            F.measure("closedNextMonday", history: [("2024-01-02", .inProgress), ("2024-02-05", .closed)]),
            F.measure("closedLastWeek", history: [("2024-01-02", .inProgress), ("2024-01-28", .closed)]),
            F.measure("closedAgain", history: [("2024-01-10", .closed), ("2024-01-30", .reopened),
                                               ("2024-02-01", .pendingCloseOut), ("2024-02-01", .closed)]),
            F.measure("closedThenReopened", history: [("2024-01-30", .closed), ("2024-02-02", .reopened)]),
            F.measure("createdNextMonday", start: "2024-02-05",
                      history: [("2024-02-05", .closed)], createdOn: "2024-02-05"),
        ])
        #expect(bulletin.completedThisWeek.map(\.id) == ["closedAgain", "closedSunday"])
        #expect(bulletin.completedThisWeek.map(\.closedOn) == [day("2024-02-01"), day("2024-02-04")])
        #expect(bulletin.totals.measures == 5)
        #expect(bulletin.totals.closed == 3)
        #expect(bulletin.totals.open == 2)
        #expect(bulletin.totals.completionRate.percentText == "60%")
        #expect(bulletin.totals.levels.closed == 3)
        #expect(bulletin.weekStart == day("2024-01-29"))
        #expect(bulletin.weekEnd == day("2024-02-04"))
    }

    @Test func completionRateTextAndLevelCounts() throws {
        var measures = (1...14).map {
            F.measure("c\($0)", history: [("2024-01-02", .inProgress), ("2024-01-15", .closed)])
        }
        measures.append(F.measure("red", deadline: "2024-01-15"))
        measures.append(F.measure("pending", deadline: "2024-01-15",
                                  history: [("2024-01-02", .inProgress), ("2024-01-20", .pendingCloseOut)]))
        measures.append(F.measure("longTerm", kind: .longTerm, deadline: nil))
        measures.append(F.measure("green", progress: [("2024-02-01", 30)]))
        let bulletin = try F.build("2024-W05", measures: measures)
        #expect(bulletin.totals.completionRate.percentText == "77.8%")  // 14 of 18
        #expect(bulletin.totals.levels == BulletinWarningCounts(red: 1, yellow: 0, green: 1, pendingCloseOut: 1,
                                                                longTerm: 1, closed: 14))
    }

    @Test func measureCreatedAfterSundayIsExcludedEverywhere() throws {
        let late = F.measure("late", unit: "市民政局", deadline: "2024-01-20", history: [],
                             reports: [], createdOn: "2024-02-05")
        let bulletin = try F.build("2024-W05", measures: [late])
        #expect(bulletin.totals.measures == 0)
        #expect(bulletin.newlyRed.isEmpty)
        #expect(bulletin.staleReports.isEmpty)
        #expect(bulletin.unitsByOverdue.isEmpty)
        #expect(bulletin.unitsByReporting.isEmpty)
        #expect(bulletin.totals.completionRate.percentText == "—")
    }

    // MARK: New warnings

    @Test func newlyRedWhenDeadlinePassedThisWeek() throws {
        // Deadline Thursday 02-01: yellow on 01-28 (4 working days left), red on 02-04 (02-02 and 02-04 overdue).
        let bulletin = try F.build("2024-W05", measures: [
            F.measure("newRed", deadline: "2024-02-01", progress: [("2024-01-26", 80)]),
            F.measure("oldRed", deadline: "2024-01-15"),
        ])
        #expect(bulletin.newlyRed.map(\.id) == ["newRed"])
        let entry = try #require(bulletin.newlyRed.first)
        #expect(entry.previousLevel == .yellow)
        #expect(entry.level == .red)
        #expect(entry.reason == "已超期2个工作日")
        #expect(entry.workingDaysOverdue == 2)
        #expect(bulletin.totals.levels.red == 2)
        #expect(bulletin.newlyYellow.isEmpty)
    }

    @Test func measureEnteredThisWeekAlreadyOverdueIsNewlyRed() throws {
        let bulletin = try F.build("2024-W05", measures: [
            F.measure("imported", deadline: "2024-01-26", createdOn: "2024-02-01"),
        ])
        #expect(bulletin.newlyRed.map(\.id) == ["imported"])
        #expect(bulletin.newlyRed.first?.previousLevel == nil)
    }

    @Test func reopenedAfterDeadlineIsNewlyRed() throws {
        // Returned from close-out review on Wednesday with the deadline long past.
        let bulletin = try F.build("2024-W05", measures: [
            F.measure("returned", deadline: "2024-01-19",
                      history: [("2024-01-02", .inProgress), ("2024-01-18", .pendingCloseOut),
                                ("2024-01-31", .inProgress)]),
        ])
        #expect(bulletin.newlyRed.first?.previousLevel == .pendingCloseOut)
    }

    @Test func newlyYellowFromGreenOnly() throws {
        let bulletin = try F.build("2024-W05", measures: [
            // Deadline 02-08: 10 working days left on 01-28 (green), 4 on 02-04 (yellow).
            F.measure("dueSoon", deadline: "2024-02-08", progress: [("2024-01-26", 90)]),
            // Already yellow on 01-28: no progress reported, well behind 序时进度 both Sundays.
            F.measure("stillYellow", deadline: "2024-03-29"),
            // Falls behind 序时进度 because the progress figure was corrected downwards this week.
            F.measure("behind", deadline: "2024-03-29", progress: [("2024-01-20", 40), ("2024-02-02", 5)]),
        ])
        #expect(bulletin.newlyYellow.map(\.id) == ["dueSoon", "behind"])
        #expect(bulletin.newlyYellow.first?.reason == "距整改期限还有4个工作日")
        #expect(bulletin.newlyYellow.first?.previousLevel == .green)
        #expect(bulletin.newlyYellow.last?.reason.hasPrefix("进度落后序时进度") == true)
        #expect(bulletin.newlyRed.isEmpty)
        #expect(bulletin.totals.levels.yellow == 3)
    }

    @Test func longTermWithoutDeadlineIsNeverRed() throws {
        let bulletin = try F.build("2024-W05", measures: [
            F.measure("longTerm", kind: .longTerm, start: "2023-06-01", deadline: nil, reports: []),
        ])
        #expect(bulletin.totals.levels.longTerm == 1)
        #expect(bulletin.totals.levels.red == 0)
        #expect(bulletin.newlyRed.isEmpty)
        #expect(bulletin.newlyYellow.isEmpty)
        #expect(bulletin.unitsByOverdue.isEmpty)
        // Still tracked for reporting.
        #expect(bulletin.staleReports.map(\.id) == ["longTerm"])
    }

    // MARK: Notices

    @Test func noticesIssuedAndUnanswered() throws {
        let bulletin = try F.build("2024-W05", measures: [], notices: [
            F.notice("2024年第4期", issued: "2024-01-30", replyDue: "2024-02-06", state: .issued),
            F.notice("2024年第1期", issued: "2024-01-15", replyDue: "2024-01-22", state: .read),
            F.notice("2024年第2期", issued: "2024-01-16", replyDue: "2024-01-23", state: .replied,
                     replied: "2024-01-22"),
            F.notice("2024年第3期", issued: "2024-01-17", replyDue: "2024-01-24", state: .replied,
                     replied: "2024-02-05"),
            F.notice("2024年第6期", issued: "2024-02-05", replyDue: "2024-02-12", state: .issued),
            F.notice("2024年第0期", issued: "2024-01-28", replyDue: nil, state: .closed),
            F.notice("2024年第5期", issued: "2024-02-02", replyDue: "2024-02-03", state: .issued),
            F.notice("2024年第7期", issued: "2024-01-31", replyDue: nil, state: .read),
        ])
        #expect(bulletin.noticesIssued.map(\.number) == ["2024年第4期", "2024年第7期", "2024年第5期"])
        #expect(bulletin.noticesUnanswered.map(\.number)
            == ["2024年第1期", "2024年第3期", "2024年第4期", "2024年第7期", "2024年第5期"])
        #expect(bulletin.overdueReplies.map(\.number) == ["2024年第1期", "2024年第3期", "2024年第5期"])
        let first = try #require(bulletin.noticesUnanswered.first)
        // (01-22, 02-04]: 01-23…01-26, 01-29…02-02 and the 调休 Sunday 02-04.
        #expect(first.workingDaysPastReplyDue == 10)
        #expect(bulletin.overdueReplies.last?.workingDaysPastReplyDue == 1)
        #expect(bulletin.noticesIssued.first?.replyOverdue == false)
        #expect(bulletin.noticesIssued.first?.workingDaysPastReplyDue == nil)
    }

    @Test func replyOnSundayCountsAsAnswered() throws {
        let bulletin = try F.build("2024-W05", measures: [], notices: [
            F.notice("2024年第1期", issued: "2024-01-29", replyDue: "2024-02-02", state: .closed, replied: "2024-02-04"),
        ])
        #expect(bulletin.noticesIssued.first?.answered == true)
        #expect(bulletin.noticesUnanswered.isEmpty)
    }

    // MARK: Unit rankings

    @Test func unitsRankedByOverdueCountThenName() throws {
        // Ties are broken by code-point order: 教 (U+6559) < 民 (U+6C11) < 财 (U+8D22).
        let overdue = "2024-01-15"
        let bulletin = try F.build("2024-W05", measures: [
            F.measure("a1", unit: "市财政局", deadline: overdue),
            F.measure("a2", unit: "市财政局", deadline: overdue),
            F.measure("b1", unit: "市教育局", deadline: overdue),
            F.measure("b2", unit: "市教育局", deadline: overdue),
            F.measure("b3", unit: "市教育局"),
            F.measure("c1", unit: "市民政局", deadline: overdue),
            F.measure("d1", unit: "市水务局", deadline: overdue),
            F.measure("d2", unit: "市水务局", deadline: overdue),
            F.measure("d3", unit: "市水务局", deadline: overdue),
            F.measure("e1", unit: "市卫健委"),
            F.measure("e2", unit: "市卫健委", deadline: overdue,
                      history: [("2024-01-02", .inProgress), ("2024-01-12", .closed)]),
        ], settings: BulletinSettings(topUnits: 3))
        #expect(bulletin.unitsByOverdue == [
            BulletinUnitOverdueRow(unit: "市水务局", overdue: 3, open: 3),
            BulletinUnitOverdueRow(unit: "市教育局", overdue: 2, open: 3),
            BulletinUnitOverdueRow(unit: "市财政局", overdue: 2, open: 2),
        ])
        #expect(bulletin.overdueUnitCount == 4)
    }

    @Test func unitsRankedByReportingTimelinessWorstFirst() throws {
        let recent = ["2024-02-01"]
        let bulletin = try F.build("2024-W05", measures: [
            F.measure("m1", unit: "市民政局", reports: recent),
            F.measure("m2", unit: "市民政局", reports: ["2024-01-10"]),
            F.measure("m3", unit: "市民政局", reports: []),
            F.measure("j1", unit: "市教育局", reports: recent),
            F.measure("j2", unit: "市教育局", reports: ["2024-01-05"]),
            F.measure("c1", unit: "市财政局", reports: recent),
            F.measure("c2", unit: "市财政局", reports: ["2024-01-05"]),
            // Closed and pending close-out measures are not tracked.
            F.measure("c3", unit: "市财政局",
                      history: [("2024-01-02", .inProgress), ("2024-01-20", .pendingCloseOut)], reports: []),
            F.measure("c4", unit: "市财政局", history: [("2024-01-20", .closed)], reports: []),
            F.measure("w1", unit: "市卫健委", reports: recent),
        ])
        #expect(bulletin.unitsByReporting.map(\.unit) == ["市民政局", "市教育局", "市财政局", "市卫健委"])
        #expect(bulletin.unitsByReporting.map(\.timelinessText) == ["33.3%", "50%", "50%", "100%"])
        #expect(bulletin.unitsByReporting[2] == BulletinUnitReportingRow(unit: "市财政局", tracked: 2, timely: 1))
    }

    // MARK: Stale reports

    @Test func staleReportsCountWorkingDaysAcrossSpringFestival() throws {
        // Week 2024-W08 ends Sunday 02-25. 春节 02-10…02-17 is off; Sundays 02-04 and 02-18 are worked.
        let bulletin = try F.build("2024-W08", measures: [
            // (02-04, 02-25]: 02-05…02-09, 02-18, 02-19…02-23 = 11.
            F.measure("since0204", reports: ["2024-01-20", "2024-02-04"]),
            // (02-05, 02-25] = 10: exactly at the limit.
            F.measure("since0205", reports: ["2024-02-05"]),
            // (02-06, 02-25] = 9.
            F.measure("since0206", reports: ["2024-02-06"]),
            // A report after Sunday does not count.
            F.measure("laterReport", reports: ["2024-02-04", "2024-02-26"]),
            // Never reported: (02-01, 02-25] = 02-02, 02-04, 02-05…02-09, 02-18, 02-19…02-23 = 13.
            F.measure("neverSince0201", start: "2024-02-01", reports: []),
            // Never reported: (02-08, 02-25] = 02-09, 02-18, 02-19…02-23 = 7.
            F.measure("neverSince0208", start: "2024-02-08", reports: []),
            F.measure("longTerm", kind: .longTerm, deadline: nil, reports: ["2024-02-05"]),
            F.measure("closed", history: [("2024-01-20", .closed)], reports: []),
            F.measure("pending", history: [("2024-01-20", .pendingCloseOut)], reports: []),
        ])
        #expect(bulletin.staleReports.map(\.id) == ["neverSince0201", "since0204", "laterReport", "since0205",
                                                      "longTerm"])
        #expect(bulletin.staleReports.map(\.workingDaysSinceReport) == [13, 11, 11, 10, 10])
        #expect(bulletin.staleReports.first?.lastReportOn == nil)
        #expect(bulletin.staleReports[1].lastReportOn == day("2024-02-04"))
        #expect(bulletin.staleWorkingDays == 10)
        #expect(bulletin.unknownYears.isEmpty)
    }

    @Test func staleLimitComesFromSettings() throws {
        let bulletin = try F.build("2024-W08", measures: [F.measure("since0206", reports: ["2024-02-06"])],
                                   settings: BulletinSettings(staleWorkingDays: 9))
        #expect(bulletin.staleReports.map(\.workingDaysSinceReport) == [9])
        #expect(bulletin.staleWorkingDays == 9)
    }

    // MARK: Calendar coverage

    @Test func weekInYearWithoutCalendarDataReportsIt() throws {
        // 2026-W53 runs 2026-12-28 to 2027-01-03; the bundled data stops at 2026.
        let empty = try F.build("2026-W53", measures: [])
        #expect(empty.unknownYears == [2027])
        #expect(empty.calendarWarning == "2027年节假日安排尚未录入，按周一至周五计算")
        let inside = try F.build("2024-W05", measures: [])
        #expect(inside.unknownYears.isEmpty)
        #expect(inside.calendarWarning == nil)
    }

    @Test func unknownYearsFromMeasureComputationsAreReported() throws {
        // Started in 2022 (no data) and never reported; deadline in 2028.
        let bulletin = try F.build("2024-W05", measures: [
            F.measure("old", kind: .longTerm, start: "2022-11-01", deadline: nil, reports: []),
            F.measure("far", deadline: "2028-06-30"),
        ])
        #expect(bulletin.unknownYears == [2022, 2027, 2028])
    }
}
