import Foundation

/// Summary counts for one source of problems (`巡察反馈的…30个具体问题，已完成整改30个，整改完成率为100%`).
public struct ReportSourceClaim: Codable, Sendable, Hashable {
    public var source: ReportSource
    public var problems: ReportClaimedValue?
    public var completed: ReportClaimedValue?
    public var completionRate: ReportClaimedValue?

    public init(source: ReportSource, problems: ReportClaimedValue? = nil, completed: ReportClaimedValue? = nil,
                completionRate: ReportClaimedValue? = nil) {
        self.source = source
        self.problems = problems
        self.completed = completed
        self.completionRate = completionRate
    }
}
