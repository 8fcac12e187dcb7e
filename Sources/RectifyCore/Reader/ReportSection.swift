import Foundation

/// A numbered heading that is not itself a problem (`（一）巡察反馈问题整改进展情况`).
public struct ReportSection: Codable, Sendable, Hashable {
    /// 1 for the outermost headings of the report, deeper headings count up.
    public var depth: Int
    public var style: ReportHeadingStyle
    public var number: Int
    public var label: String
    public var title: String
    /// Source of the problems listed below, when the heading names one.
    public var source: ReportSource?
    /// Status of the problems listed below, when the heading states one.
    public var status: ReportProblemStatus?
    /// The count the heading announces, as in `（共30个）`.
    public var claimedCount: Int?
    /// Problems listed directly or indirectly below this heading.
    public var problemCount: Int
    public var location: ReportLocation

    public init(depth: Int, style: ReportHeadingStyle, number: Int, label: String, title: String,
                source: ReportSource?, status: ReportProblemStatus?, claimedCount: Int?,
                problemCount: Int, location: ReportLocation) {
        self.depth = depth
        self.style = style
        self.number = number
        self.label = label
        self.title = title
        self.source = source
        self.status = status
        self.claimedCount = claimedCount
        self.problemCount = problemCount
        self.location = location
    }
}
