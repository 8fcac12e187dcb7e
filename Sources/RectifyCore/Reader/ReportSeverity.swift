import Foundation

public enum ReportSeverity: String, Codable, Sendable, Comparable {
    /// The report contradicts itself.
    case error
    /// The report may be right, but a reader should look.
    case warning
    /// Worth knowing; not a fault.
    case info

    public var label: String {
        switch self {
        case .error: return "错误"
        case .warning: return "警告"
        case .info: return "提示"
        }
    }

    private var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .info: return 2
        }
    }

    public static func < (lhs: ReportSeverity, rhs: ReportSeverity) -> Bool { lhs.rank < rhs.rank }
}
