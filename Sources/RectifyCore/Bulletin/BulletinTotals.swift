/// The ledger's figures at the end of the bulletin's week.
public struct BulletinTotals: Codable, Hashable, Sendable {
    /// Measures in the ledger on the week's Sunday.
    public var measures: Int
    /// 已完成整改 (closed).
    public var closed: Int
    /// Not yet closed, whatever their state.
    public var open: Int
    /// closed ÷ measures, written with its display text (`93.3%`).
    public var completionRate: CompletionRate
    /// Every measure by its warning level on Sunday.
    public var levels: BulletinWarningCounts

    public init(measures: Int, closed: Int, open: Int, completionRate: CompletionRate, levels: BulletinWarningCounts) {
        self.measures = measures
        self.closed = closed
        self.open = open
        self.completionRate = completionRate
        self.levels = levels
    }
}
