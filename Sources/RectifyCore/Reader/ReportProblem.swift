import Foundation

/// One problem of the report with its rectification text split into measures.
public struct ReportProblem: Codable, Sendable, Hashable {
    public var source: ReportSource
    public var number: Int
    /// The label as written, with ASCII parentheses (`(1)`, `1.`, `(一)`).
    public var label: String
    public var labelStyle: ReportHeadingStyle
    /// The text inside the outer quotes. Inner quotes of any shape (‘’ “” '' "") are written as
    /// ASCII `'` so that `“'三资’管理较混乱”` and `"'三资'管理较混乱"` give the same title.
    public var title: String
    /// The heading line exactly as written.
    public var heading: String
    public var status: ReportProblemStatus
    /// The 整改情况 text as written (paragraphs joined by line breaks), without its label.
    public var progressText: String
    public var location: ReportLocation
    /// Index in `ReadReport.sections` of the innermost heading the problem is listed under.
    public var sectionIndex: Int?
    public var measures: [ReportMeasure]

    public init(source: ReportSource, number: Int, label: String, labelStyle: ReportHeadingStyle, title: String,
                heading: String, status: ReportProblemStatus, progressText: String, location: ReportLocation,
                sectionIndex: Int? = nil, measures: [ReportMeasure]) {
        self.source = source
        self.number = number
        self.label = label
        self.labelStyle = labelStyle
        self.title = title
        self.heading = heading
        self.status = status
        self.progressText = progressText
        self.location = location
        self.sectionIndex = sectionIndex
        self.measures = measures
    }

    public var facts: [ReportFact] { measures.flatMap(\.facts) }

    /// `巡察反馈问题(3)`, `书记专题会交办事项第1项` — how findings name a problem.
    public var reference: String {
        let noun: String
        switch source {
        case .inspectionFeedback: noun = "巡察反馈问题"
        case .secretaryAssigned: noun = "书记专题会交办事项"
        case .selfFound: noun = "自查自纠问题"
        }
        return noun + (label.hasPrefix("(") ? label : "第\(number)项")
    }
}
