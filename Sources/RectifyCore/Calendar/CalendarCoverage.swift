/// Which days the holiday data covers, and the warning to give before it runs out: deadlines past
/// the last covered year count Monday–Friday only, so the next notice must be in before then.
public enum CalendarCoverage {
    /// How many days ahead of the first uncovered day pages start to warn.
    public static let warningLeadDays = 60

    /// The first day from `today` on whose year has no holiday data (`today` itself when its year has none).
    public static func firstUncoveredDay(in calendar: WorkingDayCalendar, from today: Day) -> Day {
        guard calendar.isKnown(year: today.year) else { return today }
        var year = today.year + 1
        while calendar.isKnown(year: year) { year += 1 }
        return Day(year: year, month: 1, day: 1) ?? today
    }

    /// The warning to show, `nil` while the first uncovered day is more than `leadDays` away.
    public static func warning(for calendar: WorkingDayCalendar, today: Day, leadDays: Int = warningLeadDays) -> String? {
        let first = firstUncoveredDay(in: calendar, from: today)
        let days = today.days(until: first)
        guard days <= leadDays else { return nil }
        if days == 0 {
            return "\(first.year)年节假日安排尚未录入，期限按周一至周五计算；请导入国务院办公厅的节假日安排通知"
        }
        return "\(first.year)年节假日安排尚未录入：\(days)天后（\(first.chinese)起）的期限将按周一至周五计算；国务院办公厅通知发布后请及时导入"
    }
}
