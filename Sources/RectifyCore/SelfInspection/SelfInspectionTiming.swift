/// When a self-inspection answer is due and whether it is late. The due day counts working days from
/// the day of issue, as every rectification deadline does; an answer is late once a day after the
/// due day has begun without it (the due day itself is still in time).
public struct SelfInspectionTiming: Sendable, Equatable {
    public enum Standing: String, Sendable, Equatable {
        case pending, late, answered, answeredLate

        public var label: String {
            switch self {
            case .pending: "待报送"
            case .late: "逾期未报送"
            case .answered: "已按期报送"
            case .answeredLate: "逾期报送"
            }
        }
    }

    /// The working days a supervisor may give a task.
    public static let workingDayRange = 1...60
    /// The most bodies one task may go to (a whole sector of a province stays well below).
    public static let maxBodies = 300

    public let dueOn: Day

    public init(dueOn: Day) {
        self.dueOn = dueOn
    }

    /// The due day `workingDays` working days after `issuedOn`, with the years the calendar lacked.
    public static func due(issuedOn: Day, workingDays: Int, calendar: WorkingDayCalendar) -> WorkingDayResult<Day> {
        calendar.adding(workingDays: workingDays, to: issuedOn)
    }

    public func standing(answeredOn: Day?, today: Day) -> Standing {
        if let answeredOn { return answeredOn > dueOn ? .answeredLate : .answered }
        return today > dueOn ? .late : .pending
    }
}
