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
}
