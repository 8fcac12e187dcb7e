/// Where a problem came from. Reports group problems by source, and completion rates are stated
/// per source, so it is a first-class dimension. Raw values are stable API codes.
public enum ProblemSource: String, Codable, CaseIterable, Sendable {
    /// 巡察（巡视）反馈问题
    case inspectionFeedback = "inspection_feedback"
    /// 书记专题会交办事项
    case secretaryAssigned = "secretary_assigned"
    /// 举一反三、自查自纠问题
    case selfFound = "self_found"
    /// 其他来源（上级督办、信访等）
    case other = "other"

    public var label: String {
        switch self {
        case .inspectionFeedback: "巡察反馈问题"
        case .secretaryAssigned: "书记专题会交办事项"
        case .selfFound: "举一反三、自查自纠问题"
        case .other: "其他来源问题"
        }
    }
}
