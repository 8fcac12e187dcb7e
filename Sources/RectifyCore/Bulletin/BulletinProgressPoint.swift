/// Reported progress of a measure as of one day.
public struct BulletinProgressPoint: Codable, Hashable, Sendable {
    public var day: Day
    /// 0–100; values outside are clamped when the warning rules read them.
    public var percent: Int

    public init(day: Day, percent: Int) {
        self.day = day
        self.percent = percent
    }
}
