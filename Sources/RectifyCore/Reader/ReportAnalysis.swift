import Foundation

/// A read report with the findings of its check: the JSON document the CLI prints.
public struct ReportAnalysis: Codable, Sendable, Hashable {
    public var report: ReadReport
    public var findings: [ReportFinding]
    /// The checks not made because a figure they compare was not read (未能核对).
    public var unchecked: [ReportUnchecked]

    public init(report: ReadReport, findings: [ReportFinding], unchecked: [ReportUnchecked] = []) {
        self.report = report
        self.findings = findings
        self.unchecked = unchecked
    }
}
