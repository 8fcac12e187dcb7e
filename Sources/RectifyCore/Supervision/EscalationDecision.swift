/// The outcome of checking one item against the escalation policy on one day.
public struct EscalationDecision: Hashable, Sendable {
    /// The highest step reached; `nil` when no notice is due (closed, awaiting close-out, no
    /// deadline, or too early).
    public var step: EscalationStep?
    /// Store this when the notice is issued; skip the step when the key is already stored.
    public var idempotencyKey: String?
    /// Working days in `(today, deadline]`; `nil` without a deadline or once overdue.
    public var workingDaysLeft: Int?
    /// Working days in `(deadline, today]`; `nil` unless today is past the deadline.
    public var workingDaysOverdue: Int?
    /// Years the computation had to treat as Monday–Friday only.
    public var unknownYears: [Int]

    public init(step: EscalationStep?, idempotencyKey: String?, workingDaysLeft: Int?, workingDaysOverdue: Int?,
                unknownYears: [Int]) {
        self.step = step
        self.idempotencyKey = idempotencyKey
        self.workingDaysLeft = workingDaysLeft
        self.workingDaysOverdue = workingDaysOverdue
        self.unknownYears = unknownYears
    }

    public var calendarWarning: String? { WorkingDayCalendar.warning(forUnknownYears: unknownYears) }
}
