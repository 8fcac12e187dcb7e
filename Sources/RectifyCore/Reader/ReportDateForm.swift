import Foundation

/// What a date expression says about time: one moment, a span, a start (`…以来`) or a cut-off (`截至…`).
public enum ReportDateForm: String, Codable, Sendable {
    case point
    case range
    case since
    case until
}
