/// One holiday from a State Council notice: consecutive days off, both ends inclusive.
public struct HolidayRange: Codable, Hashable, Sendable {
    /// As the notice names it, e.g. `春节` or `中秋节、国庆节`.
    public var name: String
    public var first: Day
    public var last: Day

    public init(name: String, first: Day, last: Day) {
        self.name = name
        self.first = first
        self.last = last
    }

    /// Every day of the range, in order.
    public var days: [Day] {
        guard first <= last else { return [] }
        return (first.dayNumber...last.dayNumber).map(Day.init(dayNumber:))
    }
}
