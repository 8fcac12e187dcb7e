import Foundation

/// One completion figure of the overall summary, as the caller states it; the builder writes
/// the numbers as given and computes nothing.
public struct PublicReportFigure: Sendable, Equatable {
    /// What is counted, e.g. "巡察反馈的四类12方面30个具体问题" or "市委书记专题会交办事项2个".
    public var subject: String
    /// 已完成整改 N 个.
    public var completed: Int
    /// 正在整改 N 个, when stated.
    public var inProgress: Int?
    /// 整改完成率, already formatted, e.g. "100%".
    public var completionRate: String
    /// A further statement after the figure, e.g. "内部问责23人（其中：科级15人、一般干部8人）".
    public var note: String?

    public init(subject: String, completed: Int, inProgress: Int? = nil, completionRate: String, note: String? = nil) {
        self.subject = subject
        self.completed = completed
        self.inProgress = inProgress
        self.completionRate = completionRate
        self.note = note
    }

    /// "subject，已完成整改N个，整改完成率为R；note".
    public var sentence: String {
        var text = "\(subject)，已完成整改\(completed)个"
        if let inProgress { text += "，正在整改\(inProgress)个" }
        text += "，整改完成率为\(completionRate)"
        if let note, !note.isEmpty { text += "；\(note)" }
        return text
    }
}
