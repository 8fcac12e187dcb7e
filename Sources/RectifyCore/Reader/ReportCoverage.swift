import Foundation

/// How much of a report the reader understood: the items read, and of the summary's sentences that
/// hold a figure (a count, an amount, a rate), how many gave up at least one figure. The sentences
/// with figures none of which was read are kept (the first few), so an office knows what to read by hand.
public struct ReportCoverage: Codable, Sendable, Hashable {
    static let keptSentences = 10

    public var problemsRead = 0
    public var measuresRead = 0
    public var summarySentencesWithFigures = 0
    public var summarySentencesRead = 0
    public var unreadSentences: [ReportQuote] = []

    public init() {}

    /// `逐项读出问题34个、措施104条；汇总中含数字的句子11句，读出数字的11句`
    public var label: String {
        "逐项读出问题\(problemsRead)个、措施\(measuresRead)条；汇总中含数字的句子\(summarySentencesWithFigures)句，读出数字的\(summarySentencesRead)句"
    }
}
