import Foundation
import RectifyCore
import Vapor

/// A year the calendar covers, where its data comes from, and for an imported year who imported it.
struct CalendarYearRow: Content {
    var year: Int
    var origin: CalendarOrigin
    var originLabel: String
    var source: String
    var holidays: Int
    var adjustedWorkdays: Int
    var importedBy: String?
    var importedAt: Date?

    /// Every covered year, ascending, as this process has the calendar now.
    static func all(_ store: WorkingCalendarStore) -> [CalendarYearRow] {
        store.calendar.years.map { entry in
            let origin = store.origin(of: entry.year) ?? .bundled
            let imported = origin == .imported ? store.imported(entry.year) : nil
            return CalendarYearRow(year: entry.year, origin: origin, originLabel: origin.label, source: entry.source ?? "",
                                   holidays: entry.holidays.count, adjustedWorkdays: entry.adjustedWorkdays.count,
                                   importedBy: imported?.importedBy, importedAt: imported?.importedAt)
        }
    }
}

/// The calendar's coverage as the API and the pages report it.
struct CalendarCoverageDTO: Content {
    var years: [CalendarYearRow]
    /// The first day from today whose year has no data: deadlines from then on count Monday–Friday only.
    var firstUncoveredDay: Day
    /// Set within `CalendarCoverage.warningLeadDays` of that day.
    var warning: String?

    static func make(_ app: Application) -> CalendarCoverageDTO {
        let calendar = app.workingCalendar
        let today = app.clock.today
        return CalendarCoverageDTO(years: CalendarYearRow.all(app.calendarStore),
                                   firstUncoveredDay: CalendarCoverage.firstUncoveredDay(in: calendar, from: today),
                                   warning: CalendarCoverage.warning(for: calendar, today: today))
    }
}
