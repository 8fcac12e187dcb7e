/// A value computed on the working-day calendar, with the years it had to assume were
/// Monday–Friday only because no holiday data exists for them. Callers reach the value through
/// this wrapper so the missing data stays in sight.
public struct WorkingDayResult<Value> {
    public let value: Value
    /// Years touched by the computation that have no entry in the calendar data, ascending.
    public let unknownYears: [Int]

    public init(value: Value, unknownYears: [Int]) {
        self.value = value
        self.unknownYears = unknownYears
    }

    /// True when every day involved was covered by holiday data.
    public var isComplete: Bool { unknownYears.isEmpty }

    /// The text to log and show beside the result, e.g. `2027年节假日安排尚未录入，按周一至周五计算`.
    public var warning: String? { WorkingDayCalendar.warning(forUnknownYears: unknownYears) }
}

extension WorkingDayResult: Sendable where Value: Sendable {}
extension WorkingDayResult: Equatable where Value: Equatable {}
