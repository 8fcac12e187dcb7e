import Foundation

/// The holiday arrangement the State Council publishes for one year.
///
/// A 元旦 range may start in December of the previous year (2022-12-31 belongs to the 2023
/// notice): such days are listed here, under the notice that decided them, but they apply to
/// their own dates. Whether a *year* is known depends only on whether it has an entry.
public struct HolidayCalendarYear: Codable, Hashable, Sendable {
    public var year: Int
    /// The notice this entry was typed from, so the operator can check it.
    public var source: String?
    public var holidays: [HolidayRange]
    /// 调休上班: Saturdays or Sundays that are working days.
    public var adjustedWorkdays: [Day]

    public init(year: Int, source: String? = nil, holidays: [HolidayRange], adjustedWorkdays: [Day]) {
        self.year = year
        self.source = source
        self.holidays = holidays
        self.adjustedWorkdays = adjustedWorkdays
    }

    /// Checks the entry on its own. Returns the first problem found, `nil` when sound.
    func problem() -> (chinese: String, detail: String)? {
        guard (1900...9998).contains(year) else {
            return ("年份\(year)不在有效范围内", "year out of range")
        }
        var offDays = Set<Int>()
        for range in holidays {
            let name = range.name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                return ("\(year)年有一项假日缺少名称", "holiday without name, first day \(range.first.iso)")
            }
            guard range.first <= range.last else {
                return ("\(year)年“\(name)”的起始日\(range.first.iso)晚于结束日\(range.last.iso)",
                        "holiday range first > last")
            }
            guard belongsToNotice(range.first), belongsToNotice(range.last) else {
                return ("\(year)年“\(name)”的日期\(range.first.iso)至\(range.last.iso)不属于\(year)年的放假安排",
                        "holiday days must fall in the year or in December of the previous year")
            }
            guard range.first.days(until: range.last) < 31 else {
                return ("\(year)年“\(name)”放假天数异常", "holiday range longer than 31 days")
            }
            for day in range.days { offDays.insert(day.dayNumber) }
        }
        var seen = Set<Int>()
        for day in adjustedWorkdays {
            guard belongsToNotice(day) else {
                return ("\(year)年调休上班日\(day.iso)不属于\(year)年的放假安排",
                        "adjusted working day outside the year")
            }
            // The State Council only ever moves weekend days to work; a weekday here is a typo.
            guard day.isWeekend else {
                return ("\(year)年调休上班日\(day.iso)不是周六或周日", "adjusted working day is not a weekend day")
            }
            guard !offDays.contains(day.dayNumber) else {
                return ("\(day.iso)既列为放假又列为调休上班", "day is both a holiday and an adjusted working day")
            }
            guard seen.insert(day.dayNumber).inserted else {
                return ("\(year)年调休上班日\(day.iso)重复列出", "duplicate adjusted working day")
            }
        }
        return nil
    }

    /// Days of the year itself, plus December of the previous year for 元旦 arrangements.
    private func belongsToNotice(_ day: Day) -> Bool {
        day.year == year || (day.year == year - 1 && day.month == 12)
    }
}
