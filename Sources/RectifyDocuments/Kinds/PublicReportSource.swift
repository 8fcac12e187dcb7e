import Foundation

/// The progress of one problem source, e.g. "巡察反馈问题整改进展情况",
/// "市委书记专题会交办事项整改进展情况".
public struct PublicReportSource: Sendable, Equatable {
    public var heading: String
    /// The count written after the heading as "（共N个）", as the caller states it.
    public var statedCount: Int?
    public var groups: [PublicReportGroup]

    public init(heading: String, statedCount: Int? = nil, groups: [PublicReportGroup]) {
        self.heading = heading
        self.statedCount = statedCount
        self.groups = groups
    }
}
