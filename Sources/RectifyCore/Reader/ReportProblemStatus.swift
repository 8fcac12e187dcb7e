import Foundation

/// The rectification status a report states for a problem, normally through the heading of
/// the section listing it (`已完成整改的具体问题`).
public enum ReportProblemStatus: String, Codable, Sendable {
    case completed
    case inProgress
    /// The report lists the problem without saying whether it is done.
    case unstated

    public var label: String {
        switch self {
        case .completed: return "已完成"
        case .inProgress: return "正在整改"
        case .unstated: return "未说明"
        }
    }
}
