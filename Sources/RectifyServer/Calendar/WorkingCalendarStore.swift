import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import RectifyCore

/// The working-day calendar a server computes with: the bundled data, then the operator's
/// `RECTIFY_CALENDAR` file, then the years imported into the database, a later source replacing an
/// earlier one year by year (the newest import of a year wins).
///
/// Imported years are read at startup (`serve`), at once after an import made by this process, and
/// otherwise at most `refreshInterval` after another process (a second server, `rectify calendar
/// import`) made one: the first request after the interval asks the database for the highest import
/// revision, one small query per interval and server, and reloads the years only when it moved.
final class WorkingCalendarStore: Sendable {
    struct Base: Sendable {
        let calendar: WorkingDayCalendar
        let origins: [Int: CalendarOrigin]
    }

    /// The import in effect for a year.
    struct Imported: Sendable {
        let revision: Int64
        let source: String
        let importedBy: String
        let importedAt: Date
    }

    private struct State: Sendable {
        var calendar: WorkingDayCalendar
        var revision: Int64 = 0
        var imported: [Int: Imported] = [:]
        var checkedAt: NIODeadline?
        var refreshInterval: TimeAmount
    }

    static let defaultRefreshInterval = TimeAmount.seconds(30)

    let base: Base
    private let state: NIOLockedValueBox<State>

    init(base: Base, refreshInterval: TimeAmount = WorkingCalendarStore.defaultRefreshInterval) {
        self.base = base
        state = NIOLockedValueBox(State(calendar: base.calendar, refreshInterval: refreshInterval))
    }

    /// The bundled calendar and the operator's file, with the years each supplies.
    static func loadBase(extraFile: String?) throws -> Base {
        var calendar = try WorkingDayCalendar.bundled()
        var origins = Dictionary(uniqueKeysWithValues: calendar.knownYears.map { ($0, CalendarOrigin.bundled) })
        if let extraFile {
            let url = URL(fileURLWithPath: extraFile)
            let data = try HolidayCalendarData.load(contentsOf: url)
            calendar = try calendar.merging(contentsOf: url)
            for entry in data.years { origins[entry.year] = .file }
        }
        return Base(calendar: calendar, origins: origins)
    }

    var calendar: WorkingDayCalendar { state.withLockedValue { $0.calendar } }

    /// The highest import revision loaded (0 before any import); part of the keys of cached page
    /// parts computed with the calendar.
    var revision: Int64 { state.withLockedValue { $0.revision } }

    var refreshInterval: TimeAmount {
        get { state.withLockedValue { $0.refreshInterval } }
        set { state.withLockedValue { $0.refreshInterval = newValue } }
    }

    func origin(of year: Int) -> CalendarOrigin? {
        state.withLockedValue { $0.imported[year] != nil ? .imported : base.origins[year] }
    }

    func imported(_ year: Int) -> Imported? { state.withLockedValue { $0.imported[year] } }

    /// Whether the interval has passed since the last look (a read without a claim: `refresh` claims).
    var refreshDue: Bool {
        let now = NIODeadline.now()
        return state.withLockedValue { s in s.checkedAt.map { now - $0 >= s.refreshInterval } ?? true }
    }

    /// Reloads the imported years when the interval has passed since the last look (or `force`)
    /// and the database holds a newer import; returns whether the calendar changed.
    @discardableResult
    func refresh(on db: Database, force: Bool = false) async throws -> Bool {
        let now = NIODeadline.now()
        let due = state.withLockedValue { s -> Bool in
            if !force, let checked = s.checkedAt, now - checked < s.refreshInterval { return false }
            // Claimed before the query, so concurrent requests do not all ask.
            s.checkedAt = now
            return true
        }
        guard due else { return false }
        let latest = try await CalendarYearRecord.query(on: db).max(\.$revision) ?? 0
        guard force || latest != revision else { return false }
        let (calendar, records) = try await Self.effective(base, on: db)
        var imported: [Int: Imported] = [:]
        for record in records {
            imported[record.year] = Imported(revision: record.revision, source: record.source, importedBy: record.importedBy,
                                             importedAt: record.importedAt)
        }
        let newest = records.last?.revision ?? 0
        return state.withLockedValue { s in
            // A slower reload must not undo a newer one.
            guard newest >= s.revision else { return false }
            let changed = newest != s.revision || force
            s.calendar = calendar
            s.revision = newest
            s.imported = imported
            return changed
        }
    }

    /// The calendar as the database has it now, with the imported rows in revision order; read in
    /// the import's own transaction, so what it compares against is what it replaces.
    static func effective(_ base: Base, on db: Database) async throws -> (WorkingDayCalendar, [CalendarYearRecord]) {
        let records = try await CalendarYearRecord.query(on: db).sort(\.$revision).all()
        let entries = try records.map { try $0.entry() }
        return (try base.calendar.merging(HolidayCalendarData(years: entries)), records)
    }
}
