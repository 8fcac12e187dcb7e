/// The handling of an opinion sent by the public.
public enum FeedbackState: String, Codable, CaseIterable, Sendable {
    case received = "received"
    case handling = "handling"
    case replied = "replied"
    case closed = "closed"

    public var label: String {
        switch self {
        case .received: "已收到"
        case .handling: "办理中"
        case .replied: "已答复"
        case .closed: "已办结"
        }
    }

    public var allowedNext: Set<FeedbackState> {
        switch self {
        case .received: [.handling, .replied, .closed]
        case .handling: [.replied, .closed]
        case .replied: [.closed, .handling]
        case .closed: []
        }
    }
}
