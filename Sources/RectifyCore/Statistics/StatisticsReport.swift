/// The ledger's figures as they stood on `asOf`, overall and by each grouping dimension.
/// Every breakdown partitions the same items, so each one's totals add up to `overall.total`.
public struct StatisticsReport: Codable, Hashable, Sendable {
    public var asOf: Day
    public var overall: CompletionFigures
    /// In the order of `ProblemSource.allCases`.
    public var bySource: [StatisticsBreakdownRow]
    /// This and the breakdowns below keep the order in which groups first appear in the input,
    /// which is the plan's order (一、二、三…).
    public var byCategory: [StatisticsBreakdownRow]
    /// Keyed by category and aspect together: the same aspect name under two categories is two rows.
    public var byAspect: [StatisticsBreakdownRow]
    public var byUnit: [StatisticsBreakdownRow]
    public var byLeader: [StatisticsBreakdownRow]
    /// Items in the input created after `asOf`, left out of every figure.
    public var excludedCreatedLater: Int
    /// The counting rules, in Chinese, to print under the figures.
    public var rules: [String]

    public init(asOf: Day, overall: CompletionFigures, bySource: [StatisticsBreakdownRow],
                byCategory: [StatisticsBreakdownRow], byAspect: [StatisticsBreakdownRow],
                byUnit: [StatisticsBreakdownRow], byLeader: [StatisticsBreakdownRow],
                excludedCreatedLater: Int, rules: [String]) {
        self.asOf = asOf
        self.overall = overall
        self.bySource = bySource
        self.byCategory = byCategory
        self.byAspect = byAspect
        self.byUnit = byUnit
        self.byLeader = byLeader
        self.excludedCreatedLater = excludedCreatedLater
        self.rules = rules
    }
}
