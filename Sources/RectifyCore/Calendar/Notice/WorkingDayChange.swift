/// A day whose standing (working day or not) differs between two calendars: what importing a
/// notice changes.
public struct WorkingDayChange: Codable, Hashable, Sendable {
    public var day: Day
    public var wasWorkingDay: Bool
    public var isWorkingDay: Bool
    /// The holiday the day is now off for, or was off for before.
    public var holiday: String?

    public init(day: Day, wasWorkingDay: Bool, isWorkingDay: Bool, holiday: String?) {
        self.day = day
        self.wasWorkingDay = wasWorkingDay
        self.isWorkingDay = isWorkingDay
        self.holiday = holiday
    }

    /// `2027年2月8日（星期一）：工作日 → 休息日（春节）`, `2027年2月14日（星期日）：休息日 → 工作日（调休上班）`
    public var chinese: String {
        func word(_ working: Bool) -> String { working ? "工作日" : "休息日" }
        let why = holiday ?? (isWorkingDay && day.isWeekend ? "调休上班" : nil)
        return "\(day.chinese)（\(day.weekdayName)）：\(word(wasWorkingDay)) → \(word(isWorkingDay))" + (why.map { "（\($0)）" } ?? "")
    }

    /// The days of a notice's span (December of the year before through the year's end) on which
    /// the two calendars disagree, in order.
    public static func between(_ old: WorkingDayCalendar, _ new: WorkingDayCalendar, year: Int) -> [WorkingDayChange] {
        guard let start = Day(year: year - 1, month: 12, day: 1), let end = Day(year: year, month: 12, day: 31) else { return [] }
        var changes: [WorkingDayChange] = []
        for number in start.dayNumber...end.dayNumber {
            let day = Day(dayNumber: number)
            let was = old.isWorkingDay(day).value
            let now = new.isWorkingDay(day).value
            guard was != now else { continue }
            changes.append(WorkingDayChange(day: day, wasWorkingDay: was, isWorkingDay: now,
                                            holiday: new.holidayName(on: day) ?? old.holidayName(on: day)))
        }
        return changes
    }
}
