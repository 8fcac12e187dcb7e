import Foundation
import RectifyCore
import Vapor

/// The time source of the server; tests replace it with a fixed clock. Domain code never calls
/// `Date()`: it is handed `now` or `today` from here.
struct AppClock: Sendable {
    var now: @Sendable () -> Date

    static let system = AppClock(now: { Date() })

    static func fixed(_ date: Date) -> AppClock { AppClock(now: { date }) }

    var today: Day { Day(now()) }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = AppClock }

    var clock: AppClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }
}
