import Foundation

/// A measure on a close-out slip with its completion.
public struct CloseOutSlipMeasure: Sendable, Equatable {
    public var text: String
    /// 完成情况, e.g. "已完成" or a short account.
    public var completion: String

    public init(text: String, completion: String) {
        self.text = text
        self.completion = completion
    }
}
