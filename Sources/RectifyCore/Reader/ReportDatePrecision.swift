import Foundation

/// How precisely a report dates an action.
public enum ReportDatePrecision: String, Codable, Sendable {
    case day
    case month
    case quarter
    case year
}
