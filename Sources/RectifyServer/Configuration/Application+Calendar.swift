import Foundation
import RectifyCore
import Vapor

extension Application {
    private struct CalendarStoreKey: StorageKey { typealias Value = WorkingCalendarStore }

    /// The bundled 2023– data, the operator's `RECTIFY_CALENDAR` file and the imported years.
    var calendarStore: WorkingCalendarStore {
        get {
            guard let store = storage[CalendarStoreKey.self] else { preconditionFailure("configure(_:) loads the working-day calendar") }
            return store
        }
        set { storage[CalendarStoreKey.self] = newValue }
    }

    /// The working-day calendar in effect.
    var workingCalendar: WorkingDayCalendar { calendarStore.calendar }

    /// Loads the bundled data and the operator's file; imported years follow with `refreshWorkingCalendar`.
    func loadWorkingCalendar(extraFile: String?) throws {
        calendarStore = WorkingCalendarStore(base: try WorkingCalendarStore.loadBase(extraFile: extraFile))
    }

    /// Reads the imported years now (`force`) or when the refresh interval has passed.
    func refreshWorkingCalendar(force: Bool = false) async throws {
        try await calendarStore.refresh(on: db, force: force)
    }

    /// Says in the log when today's year has no holiday data, or the next year's is due soon.
    func warnAboutCalendarCoverage() {
        if let warning = CalendarCoverage.warning(for: workingCalendar, today: clock.today) {
            logger.warning("\(warning) (import the State Council notice with `rectify calendar import`, or set RECTIFY_CALENDAR)")
        }
    }
}
