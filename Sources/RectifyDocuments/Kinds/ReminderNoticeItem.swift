import Foundation
import RectifyCore

/// One row of a reminder notice's table.
public struct ReminderNoticeItem: Sendable, Equatable {
    public var problem: String
    public var measure: String
    public var leadUnit: String
    public var deadline: Day?
    /// 超期情况, e.g. "已超期12天" or "距期限还有3个工作日".
    public var overdue: String

    public init(problem: String, measure: String, leadUnit: String, deadline: Day?, overdue: String) {
        self.problem = problem
        self.measure = measure
        self.leadUnit = leadUnit
        self.deadline = deadline
        self.overdue = overdue
    }
}
