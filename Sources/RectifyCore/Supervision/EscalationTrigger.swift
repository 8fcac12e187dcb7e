/// When an escalation step is reached, relative to the item's deadline (T).
///
/// JSON: `{"timing": "before_deadline", "workingDays": 20}` is T−20: reached once 20 or fewer
/// working days remain. `{"timing": "after_deadline", "workingDays": 1}` is reached once the item
/// is at least one working day overdue; `workingDays: 0` fires on the first calendar day after T.
public struct EscalationTrigger: Codable, Hashable, Sendable {
    public enum Timing: String, Codable, Sendable {
        case beforeDeadline = "before_deadline"
        case afterDeadline = "after_deadline"
    }

    public var timing: Timing
    public var workingDays: Int

    public init(timing: Timing, workingDays: Int) {
        self.timing = timing
        self.workingDays = workingDays
    }

    public static func beforeDeadline(_ workingDays: Int) -> EscalationTrigger {
        EscalationTrigger(timing: .beforeDeadline, workingDays: workingDays)
    }

    public static func afterDeadline(_ workingDays: Int) -> EscalationTrigger {
        EscalationTrigger(timing: .afterDeadline, workingDays: workingDays)
    }

    /// `workingDaysLeft` is set on or before the deadline, `workingDaysOverdue` after it.
    public func isReached(workingDaysLeft: Int?, workingDaysOverdue: Int?) -> Bool {
        switch timing {
        case .beforeDeadline:
            // Every before-deadline step stays reached once the deadline has passed.
            if workingDaysOverdue != nil { return true }
            return workingDaysLeft.map { $0 <= workingDays } ?? false
        case .afterDeadline:
            return workingDaysOverdue.map { $0 >= workingDays } ?? false
        }
    }

    /// Position on the time line, for picking the highest step reached: later is larger.
    var order: (Int, Int) {
        timing == .beforeDeadline ? (0, -workingDays) : (1, workingDays)
    }

    /// `到期前20个工作日`, `超期1个工作日起`.
    public var label: String {
        switch timing {
        case .beforeDeadline:
            workingDays == 0 ? "到期当日" : "到期前\(workingDays)个工作日"
        case .afterDeadline:
            workingDays == 0 ? "超过整改期限即" : "超期\(workingDays)个工作日起"
        }
    }
}
