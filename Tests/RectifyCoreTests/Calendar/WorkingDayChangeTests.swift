import Foundation
import Testing
@testable import RectifyCore

@Suite struct WorkingDayChangeTests {
    @Test func importing2027ChangesItsHolidaysAndWorkingWeekends() throws {
        let bundled = try WorkingDayCalendar.bundled()
        let notice = try HolidayNoticeReader().read(HolidayNoticeFixtures.text("2027-text.txt"))
        let merged = try bundled.merging(HolidayCalendarData(years: [notice]))

        let changes = WorkingDayChange.between(bundled, merged, year: 2027)

        // Weekdays off: 1 (元旦) + 6 (春节) + 1 (清明) + 3 (劳动节) + 1 (端午) + 1 (中秋) + 5 (国庆); six working weekends.
        #expect(changes.filter { !$0.isWorkingDay }.count == 18)
        #expect(changes.filter(\.isWorkingDay).map(\.day) == notice.adjustedWorkdays)
        #expect(changes.first?.chinese == "2027年1月1日（星期五）：工作日 → 休息日（元旦）")
        #expect(changes.first { $0.isWorkingDay }?.chinese == "2027年2月14日（星期日）：休息日 → 工作日（调休上班）")
        #expect(WorkingDayChange.between(bundled, bundled, year: 2026).isEmpty)
        // The Friday before 春节 to the Monday after it: 5 working days on weekdays only, 2 with the notice.
        #expect(bundled.workingDays(from: day("2027-02-04"), to: day("2027-02-15")).value == 7)
        #expect(merged.workingDays(from: day("2027-02-04"), to: day("2027-02-15")).value == 2)
    }

    @Test func coverageWarnsSixtyDaysBeforeTheFirstUncoveredDay() throws {
        let bundled = try WorkingDayCalendar.bundled()

        #expect(CalendarCoverage.firstUncoveredDay(in: bundled, from: day("2026-05-01")) == day("2027-01-01"))
        #expect(CalendarCoverage.warning(for: bundled, today: day("2026-11-01")) == nil)
        #expect(CalendarCoverage.warning(for: bundled, today: day("2026-11-02"))
                == "2027年节假日安排尚未录入：60天后（2027年1月1日起）的期限将按周一至周五计算；国务院办公厅通知发布后请及时导入")
        #expect(CalendarCoverage.warning(for: bundled, today: day("2027-02-01"))
                == "2027年节假日安排尚未录入，期限按周一至周五计算；请导入国务院办公厅的节假日安排通知")

        let notice = try HolidayNoticeReader().read(HolidayNoticeFixtures.text("2027-table.tsv"))
        let merged = try bundled.merging(HolidayCalendarData(years: [notice]))
        #expect(CalendarCoverage.warning(for: merged, today: day("2026-12-01")) == nil)
        #expect(CalendarCoverage.firstUncoveredDay(in: merged, from: day("2026-12-01")) == day("2028-01-01"))
    }
}
