import Foundation
import RectifyCore
import Vapor

/// What importing a notice reads and changes, shown before it is stored (`dryRun`) and after.
struct CalendarImportOutcome: Content {
    struct Holiday: Content {
        var name: String
        var first: Day
        var last: Day
        var days: Int
    }

    /// A day whose standing changes.
    struct DayChange: Content {
        var day: Day
        var weekday: String
        var before: String
        var after: String
        var holiday: String?
        /// `2027年2月8日（星期一）：工作日 → 休息日（春节）`
        var text: String
    }

    /// When an escalation step of a measure is reached, before and after.
    struct StepChange: Content {
        var step: String
        var before: Day
        var after: Day
    }

    /// An open measure whose working-day figures change: its warning, and when its reminders fall.
    struct MeasureChange: Content {
        var measureId: UUID
        var inspectionId: UUID
        var label: String
        var text: String
        var deadline: Day
        var before: String
        var after: String
        var steps: [StepChange]
    }

    /// A stored deadline computed in working days (a notice's reply date, a look-back date) that moves.
    struct DeadlineChange: Content {
        /// `reminder_notice` or `look_back_check`, as in the audit log.
        var entity: String
        var id: UUID
        var label: String
        var before: Day
        var after: Day
    }

    var dryRun: Bool
    /// Written to the database by this request.
    var stored: Bool
    /// The year's data in effect already says the same (same days off, same working weekends).
    var unchanged: Bool
    var year: Int
    var source: String
    var holidays: [Holiday]
    var adjustedWorkdays: [Day]
    /// What the import replaces for the year (`内置数据`, `导入（2026年11月5日）`), `nil` when the year had no data.
    var replaces: String?
    var changedDays: [DayChange]
    /// Open measures affected, all counted and the first `CalendarImport.listedMeasures` listed.
    var measuresAffected: Int
    var measures: [MeasureChange]
    var deadlines: [DeadlineChange]
}
