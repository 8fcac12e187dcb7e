import Foundation

/// The outcome of checking a report: findings rest only on figures read from the text; the checks
/// that lacked a figure are listed apart.
public struct ReportCheck: Codable, Sendable, Hashable {
    public var findings: [ReportFinding]
    public var unchecked: [ReportUnchecked]

    public init(findings: [ReportFinding] = [], unchecked: [ReportUnchecked] = []) {
        self.findings = findings
        self.unchecked = unchecked
    }
}
