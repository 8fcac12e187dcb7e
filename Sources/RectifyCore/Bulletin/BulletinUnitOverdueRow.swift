/// One lead unit in the overdue ranking: its measures in red (超期) on the week's Sunday.
public struct BulletinUnitOverdueRow: Codable, Hashable, Sendable {
    public var unit: String
    public var overdue: Int
    /// The unit's measures not yet closed on Sunday.
    public var open: Int

    public init(unit: String, overdue: Int, open: Int) {
        self.unit = unit
        self.overdue = overdue
        self.open = open
    }
}
