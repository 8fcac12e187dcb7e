import Foundation

/// A group of problems within a source, e.g. "已完成整改的具体问题" with its stated count.
/// Without a label the problems are listed directly under the source, numbered 1. 2. ….
public struct PublicReportGroup: Sendable, Equatable {
    public var label: String?
    /// The count written as "（共N个）", as the caller states it.
    public var statedCount: Int?
    public var problems: [PublicReportProblem]

    public init(label: String? = nil, statedCount: Int? = nil, problems: [PublicReportProblem]) {
        self.label = label
        self.statedCount = statedCount
        self.problems = problems
    }
}
