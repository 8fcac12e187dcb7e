/// One lead unit in the reporting-timeliness ranking.
///
/// Counted over the unit's measures that still need reports on Sunday (open and not awaiting
/// close-out): `timely` of them had a progress report within the bulletin's stale limit.
public struct BulletinUnitReportingRow: Codable, Hashable, Sendable {
    public var unit: String
    public var tracked: Int
    public var timely: Int
    /// timely ÷ tracked, e.g. `66.7%`; rounded like completion rates, so never 100% unless all are timely.
    public var timelinessText: String

    public init(unit: String, tracked: Int, timely: Int) {
        self.unit = unit
        self.tracked = tracked
        self.timely = timely
        self.timelinessText = CompletionRate(completed: timely, total: tracked).percentText
    }

    /// Lower timeliness first; equal shares by unit name.
    static func worstFirst(_ lhs: BulletinUnitReportingRow, _ rhs: BulletinUnitReportingRow) -> Bool {
        let left = lhs.timely * rhs.tracked
        let right = rhs.timely * lhs.tracked
        if left != right { return left < right }
        return lhs.unit < rhs.unit
    }
}
