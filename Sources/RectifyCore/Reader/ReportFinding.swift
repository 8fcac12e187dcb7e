import Foundation

/// One place where a report's claims do not add up, with the words it rests on.
public struct ReportFinding: Codable, Sendable, Hashable {
    public var rule: ReportRule
    public var severity: ReportSeverity
    public var message: String
    /// The sentence or heading the finding rests on, as written.
    public var quote: ReportQuote?
    public var source: ReportSource?
    public var problemNumber: Int?
    /// `(3)`, `1.`; nil for findings about the whole report.
    public var problemLabel: String?
    /// Measure number within the problem, when the finding is about one measure.
    public var measureNumber: Int?

    public init(rule: ReportRule, message: String, quote: ReportQuote?, problem: ReportProblem? = nil,
                measureNumber: Int? = nil, severity: ReportSeverity? = nil) {
        self.rule = rule
        self.severity = severity ?? rule.severity
        self.message = message
        self.quote = quote
        self.source = problem?.source
        self.problemNumber = problem?.number
        self.problemLabel = problem?.label
        self.measureNumber = measureNumber
    }
}
