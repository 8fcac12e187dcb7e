import Foundation

/// One place where a report's claims do not add up, with the words it rests on.
public struct ReportFinding: Codable, Sendable, Hashable {
    public var rule: ReportRule
    public var severity: ReportSeverity
    public var message: String
    /// The sentence or heading the finding rests on, as written.
    public var quote: ReportQuote?
    /// The sentence of every figure the finding compares, the first being `quote`'s.
    public var quotes: [ReportQuote] = []
    public var source: ReportSource?
    public var problemNumber: Int?
    /// `(3)`, `1.`; nil for findings about the whole report.
    public var problemLabel: String?
    /// Measure number within the problem, when the finding is about one measure.
    public var measureNumber: Int?

    public init(rule: ReportRule, message: String, quote: ReportQuote?, problem: ReportProblem? = nil,
                measureNumber: Int? = nil, severity: ReportSeverity? = nil, also: [ReportQuote] = []) {
        self.rule = rule
        self.severity = severity ?? rule.severity
        self.message = message
        self.quote = quote
        var all: [ReportQuote] = []
        for q in (quote.map { [$0] } ?? []) + also where !all.contains(q) { all.append(q) }
        self.quotes = all
        self.source = problem?.source
        self.problemNumber = problem?.number
        self.problemLabel = problem?.label
        self.measureNumber = measureNumber
    }

    private enum CodingKeys: String, CodingKey {
        case rule, severity, message, quote, quotes, source, problemNumber, problemLabel, measureNumber
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rule = try c.decode(ReportRule.self, forKey: .rule)
        severity = try c.decode(ReportSeverity.self, forKey: .severity)
        message = try c.decode(String.self, forKey: .message)
        quote = try c.decodeIfPresent(ReportQuote.self, forKey: .quote)
        quotes = try c.decodeIfPresent([ReportQuote].self, forKey: .quotes) ?? quote.map { [$0] } ?? []
        source = try c.decodeIfPresent(ReportSource.self, forKey: .source)
        problemNumber = try c.decodeIfPresent(Int.self, forKey: .problemNumber)
        problemLabel = try c.decodeIfPresent(String.self, forKey: .problemLabel)
        measureNumber = try c.decodeIfPresent(Int.self, forKey: .measureNumber)
    }
}
