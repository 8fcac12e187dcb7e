import Foundation
import RectifyCore
import Vapor

extension Application {
    private struct CalendarKey: StorageKey { typealias Value = WorkingDayCalendar }

    /// The working-day calendar: the bundled 2023– data plus the operator's `RECTIFY_CALENDAR` file.
    var workingCalendar: WorkingDayCalendar {
        get { storage[CalendarKey.self]! }
        set { storage[CalendarKey.self] = newValue }
    }

    func loadWorkingCalendar(extraFile: String?) throws {
        let extra = extraFile.map { [URL(fileURLWithPath: $0)] } ?? []
        workingCalendar = try WorkingDayCalendar.load(extraFiles: extra)
        let year = clock.today.year
        if !workingCalendar.isKnown(year: year) {
            logger.warning("\(WorkingDayCalendar.warning(forUnknownYears: [year]) ?? "") (no holiday data for \(year); set RECTIFY_CALENDAR)")
        }
    }
}
