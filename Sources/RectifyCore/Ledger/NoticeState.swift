/// The life of a reminder notice (《巡察整改工作提示》 / 督办单).
public enum NoticeState: String, Codable, CaseIterable, Sendable {
    case issued = "issued"
    case read = "read"
    case replied = "replied"
    case closed = "closed"

    public var label: String {
        switch self {
        case .issued: "已签发"
        case .read: "已阅"
        case .replied: "已回复"
        case .closed: "已办结"
        }
    }

    public var allowedNext: Set<NoticeState> {
        switch self {
        case .issued: [.read, .replied, .closed]
        case .read: [.replied, .closed]
        case .replied: [.closed]
        case .closed: []
        }
    }
}
