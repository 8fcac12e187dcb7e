/// When the warning rules turn an item yellow. Stored per inspection round, so each round's
/// office can tune them; missing keys decode to the defaults so older stored settings still load.
public struct WarningThresholds: Codable, Hashable, Sendable {
    /// Yellow when the deadline is this many working days away or fewer (0 = only on the day).
    public var dueSoonWorkingDays: Int
    /// Yellow when reported progress trails 序时进度 by more than this many percentage points.
    public var behindSchedulePoints: Int

    public static let `default` = WarningThresholds(dueSoonWorkingDays: 5, behindSchedulePoints: 20)

    public init(dueSoonWorkingDays: Int, behindSchedulePoints: Int) {
        self.dueSoonWorkingDays = dueSoonWorkingDays
        self.behindSchedulePoints = behindSchedulePoints
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dueSoonWorkingDays = try container.decodeIfPresent(Int.self, forKey: .dueSoonWorkingDays)
            ?? Self.default.dueSoonWorkingDays
        behindSchedulePoints = try container.decodeIfPresent(Int.self, forKey: .behindSchedulePoints)
            ?? Self.default.behindSchedulePoints
    }

    /// Problems an operator must fix before saving, in Chinese; empty when the values are usable.
    public var problems: [String] {
        var found: [String] = []
        if !(0...250).contains(dueSoonWorkingDays) {
            found.append("临期提醒天数应在0至250个工作日之间")
        }
        if !(0...100).contains(behindSchedulePoints) {
            found.append("进度落后阈值应在0至100个百分点之间")
        }
        return found
    }
}
