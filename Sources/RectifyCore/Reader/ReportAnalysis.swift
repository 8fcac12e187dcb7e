import Foundation

/// A read report with the findings of its check: the JSON document the CLI prints.
public struct ReportAnalysis: Codable, Sendable, Hashable {
    public var report: ReadReport
    public var findings: [ReportFinding]

    public init(report: ReadReport, findings: [ReportFinding]) {
        self.report = report
        self.findings = findings
    }
}
