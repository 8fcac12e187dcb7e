import Testing
@testable import RectifyCore

/// The arithmetic count must agree with walking the calendar day by day.
@Suite struct WorkingDayCountingTests {
    @Test func theArithmeticCountAgreesWithADayByDayWalk() throws {
        let calendar = try WorkingDayCalendar.bundled()
        let start = Day(year: 2022, month: 12, day: 1)!
        for offset in stride(from: 0, to: 1600, by: 37) {
            let from = start.adding(days: offset)
            for length in [-45, -7, -1, 1, 2, 6, 7, 13, 40, 200] {
                let to = from.adding(days: length)
                let (low, high) = from < to ? (from, to) : (to, from)
                var walked = 0
                var day = low.adding(days: 1)
                while day <= high {
                    if calendar.isWorkingDay(day).value { walked += 1 }
                    day = day.adding(days: 1)
                }
                #expect(calendar.workingDays(from: from, to: to).value == (from < to ? walked : -walked),
                        "\(from.iso) → \(to.iso)")
            }
        }
    }
}
