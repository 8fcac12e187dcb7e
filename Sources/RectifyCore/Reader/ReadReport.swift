import Foundation

/// A published rectification progress report turned into data.
public struct ReadReport: Codable, Sendable, Hashable {
    public var format: ReportFormat
    public var round: ReportRound
    public var claims: ReportClaims
    public var sections: [ReportSection]
    public var problems: [ReportProblem]
    /// Lines (or paragraphs) of report text read, after site chrome was removed.
    public var lineCount: Int
    /// Whether the text ends with its signature date; a web copy cut off before it (or mid-sentence)
    /// may have lost items, so counts are not compared against what it lists.
    public var isComplete: Bool = true
    /// An inspection office's summary of a whole round across many bodies (`对N家单位开展巡察`,
    /// `面上问题`): its totals cover bodies whose items it never lists.
    public var isRoundSummary: Bool = false
    /// How much of the text was understood, so an office knows when to read it by hand.
    public var coverage = ReportCoverage()

    public init(format: ReportFormat, round: ReportRound, claims: ReportClaims, sections: [ReportSection],
                problems: [ReportProblem], lineCount: Int) {
        self.format = format
        self.round = round
        self.claims = claims
        self.sections = sections
        self.problems = problems
        self.lineCount = lineCount
    }

    public func problems(from source: ReportSource) -> [ReportProblem] {
        problems.filter { $0.source == source }
    }

    public func problem(_ source: ReportSource, _ number: Int) -> ReportProblem? {
        problems.first { $0.source == source && $0.number == number }
    }

    public var measureCount: Int { problems.reduce(0) { $0 + $1.measures.count } }

    private enum CodingKeys: String, CodingKey {
        case format, round, claims, sections, problems, lineCount, isComplete, isRoundSummary, coverage
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(format: try c.decode(ReportFormat.self, forKey: .format), round: try c.decode(ReportRound.self, forKey: .round),
                  claims: try c.decode(ReportClaims.self, forKey: .claims), sections: try c.decode([ReportSection].self, forKey: .sections),
                  problems: try c.decode([ReportProblem].self, forKey: .problems), lineCount: try c.decode(Int.self, forKey: .lineCount))
        isComplete = try c.decodeIfPresent(Bool.self, forKey: .isComplete) ?? true
        isRoundSummary = try c.decodeIfPresent(Bool.self, forKey: .isRoundSummary) ?? false
        coverage = try c.decodeIfPresent(ReportCoverage.self, forKey: .coverage) ?? ReportCoverage()
    }
}
