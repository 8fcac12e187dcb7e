import Foundation

/// Where a problem comes from, inferred from the heading of the section that lists it.
public enum ReportSource: String, Codable, Sendable, CaseIterable {
    /// 巡察反馈问题
    case inspectionFeedback
    /// 书记专题会交办事项
    case secretaryAssigned
    /// 举一反三、自查自纠问题
    case selfFound

    public var label: String {
        switch self {
        case .inspectionFeedback: return "巡察反馈"
        case .secretaryAssigned: return "书记专题会交办"
        case .selfFound: return "举一反三自查自纠"
        }
    }
}
