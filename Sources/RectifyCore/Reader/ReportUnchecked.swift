import Foundation

/// A check that was not made because a figure it compares was not read (未能核对): said as such,
/// never turned into a finding. An unread figure is not zero.
public struct ReportUnchecked: Codable, Sendable, Hashable {
    public var rule: ReportRule
    /// What could not be checked and which figure is missing, in Chinese.
    public var message: String
    /// The sentence of the figure that was read, when one was.
    public var quote: ReportQuote?

    public init(rule: ReportRule, message: String, quote: ReportQuote?) {
        self.rule = rule
        self.message = message
        self.quote = quote
    }
}
