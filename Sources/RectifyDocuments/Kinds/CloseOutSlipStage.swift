import Foundation
import RectifyCore

/// One sign-off stage of a close-out slip: 责任单位自查, 整改办审核, 责任领导审定.
public struct CloseOutSlipStage: Sendable, Equatable {
    /// The stage's label, e.g. "责任单位自查意见".
    public var label: String
    /// The decision, e.g. "同意销号" or "退回补充".
    public var decision: String
    public var opinion: String
    /// The person who signed.
    public var signedBy: String
    public var date: Day?

    public init(label: String, decision: String, opinion: String, signedBy: String, date: Day?) {
        self.label = label
        self.decision = decision
        self.opinion = opinion
        self.signedBy = signedBy
        self.date = date
    }

    /// The cell text: decision and opinion, then "签字：… 日期：…".
    public var cellText: String {
        var lines: [String] = []
        let head = [decision, opinion].filter { !$0.isEmpty }.joined(separator: "。")
        if !head.isEmpty { lines.append(head) }
        lines.append("签字：\(signedBy)\u{3000}\u{3000}日期：\(date?.chinese ?? "")")
        return lines.joined(separator: "\n")
    }
}
