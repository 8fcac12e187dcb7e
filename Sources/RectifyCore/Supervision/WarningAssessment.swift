/// The warning state of one item on one day, with the reason in words and the figures behind it.
public struct WarningAssessment: Hashable, Sendable {
    public var level: WarningLevel
    /// Each rule that fired, in Chinese, e.g. `距整改期限还有3个工作日`.
    public var reasons: [String]
    /// Working days in `(today, deadline]`; `nil` without a deadline or once overdue.
    public var workingDaysLeft: Int?
    /// Working days in `(deadline, today]`; `nil` unless today is past the deadline.
    public var workingDaysOverdue: Int?
    /// 序时进度: share of the working days from start to deadline already used, rounded percent.
    public var expectedPercent: Int?
    public var reportedPercent: Int
    /// `expectedPercent − reportedPercent` when positive.
    public var behindPoints: Int?
    /// Years the computation had to treat as Monday–Friday only.
    public var unknownYears: [Int]

    public init(level: WarningLevel, reasons: [String], workingDaysLeft: Int?, workingDaysOverdue: Int?,
                expectedPercent: Int?, reportedPercent: Int, behindPoints: Int?, unknownYears: [Int]) {
        self.level = level
        self.reasons = reasons
        self.workingDaysLeft = workingDaysLeft
        self.workingDaysOverdue = workingDaysOverdue
        self.expectedPercent = expectedPercent
        self.reportedPercent = reportedPercent
        self.behindPoints = behindPoints
        self.unknownYears = unknownYears
    }

    /// All reasons in one line, separated by `；`.
    public var reason: String { reasons.joined(separator: "；") }

    /// The calendar warning to show beside the assessment, if any year lacked data.
    public var calendarWarning: String? { WorkingDayCalendar.warning(forUnknownYears: unknownYears) }
}
