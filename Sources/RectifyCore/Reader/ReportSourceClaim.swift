import Foundation

/// Summary counts for one source of problems (`巡察反馈的…30个具体问题，已完成整改30个，整改完成率为100%`).
public struct ReportSourceClaim: Codable, Sendable, Hashable {
    public var source: ReportSource
    public var problems: ReportClaimedValue?
    public var completed: ReportClaimedValue?
    public var completionRate: ReportClaimedValue?
    /// The items not yet done, summed over the phrases that state them (正在整改、持续推进、基本完成…).
    public var ongoing: ReportClaimedValue?
    /// Whether `problems` is the sum of completed and ongoing because no total is stated.
    public var problemsDerived: Bool = false
    /// Whether `completed` is the sum of per-category figures because no total is stated.
    public var completedDerived: Bool = false

    public init(source: ReportSource, problems: ReportClaimedValue? = nil, completed: ReportClaimedValue? = nil,
                completionRate: ReportClaimedValue? = nil) {
        self.source = source
        self.problems = problems
        self.completed = completed
        self.completionRate = completionRate
    }

    private enum CodingKeys: String, CodingKey { case source, problems, completed, completionRate, ongoing, problemsDerived, completedDerived }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(source: try c.decode(ReportSource.self, forKey: .source),
                  problems: try c.decodeIfPresent(ReportClaimedValue.self, forKey: .problems),
                  completed: try c.decodeIfPresent(ReportClaimedValue.self, forKey: .completed),
                  completionRate: try c.decodeIfPresent(ReportClaimedValue.self, forKey: .completionRate))
        ongoing = try c.decodeIfPresent(ReportClaimedValue.self, forKey: .ongoing)
        problemsDerived = try c.decodeIfPresent(Bool.self, forKey: .problemsDerived) ?? false
        completedDerived = try c.decodeIfPresent(Bool.self, forKey: .completedDerived) ?? false
    }
}
