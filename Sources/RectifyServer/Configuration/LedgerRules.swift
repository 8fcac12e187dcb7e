import RectifyCore
import Vapor

/// Installation-wide rules the ledger's writes need: the working-day calendar and when look-backs fall.
struct LedgerRules: Sendable {
    var calendar: WorkingDayCalendar?
    var lookBackWorkingDays: Int

    static let `default` = LedgerRules(calendar: nil, lookBackWorkingDays: 20)

    /// The day a look-back falls after close-out on `day`.
    func lookBackDay(after day: Day) -> Day {
        calendar?.adding(workingDays: lookBackWorkingDays, to: day).value ?? day.adding(days: lookBackWorkingDays * 7 / 5)
    }
}

extension Application {
    var ledgerRules: LedgerRules {
        LedgerRules(calendar: workingCalendar, lookBackWorkingDays: rectifyConfig.lookBackWorkingDays)
    }
}
