/// The life of a problem or a measure, from assignment to close-out (销号) and look-back (回头看).
///
/// The vocabulary follows published reports: 正在整改, 基本完成（阶段性成果并持续整改）, 已完成整改.
/// "Overdue" (未按期完成) is not stored: it is derived from the deadline by the warning rules.
/// Long-term items (需长期坚持) are a measure *kind*, not a status: they run through the same states
/// and stay tracked after close-out.
public enum RectificationStatus: String, Codable, CaseIterable, Sendable {
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case basicallyCompleted = "basically_completed"
    case pendingCloseOut = "pending_close_out"
    case closed = "closed"
    case reopened = "reopened"

    public var label: String {
        switch self {
        case .notStarted: "未启动"
        case .inProgress: "正在整改"
        case .basicallyCompleted: "基本完成"
        case .pendingCloseOut: "销号审核中"
        case .closed: "已完成整改"
        case .reopened: "回头看重新整改"
        }
    }

    /// Whether the item counts as rectified (已完成整改) in statistics.
    public var isCompleted: Bool { self == .closed }

    /// Whether the item is still open for supervision (warnings, reminder notices).
    public var isOpen: Bool { self != .closed }

    /// The states an item may move to from this one. Anything else is refused.
    public var allowedNext: Set<RectificationStatus> {
        switch self {
        case .notStarted: [.inProgress, .basicallyCompleted, .pendingCloseOut]
        case .inProgress: [.basicallyCompleted, .pendingCloseOut]
        case .basicallyCompleted: [.inProgress, .pendingCloseOut]
        // Leaving close-out goes forward on sign-off or back when a stage returns it.
        case .pendingCloseOut: [.closed, .inProgress, .basicallyCompleted]
        // A closed item changes only through a look-back that reopens it.
        case .closed: [.reopened]
        case .reopened: [.inProgress, .basicallyCompleted, .pendingCloseOut]
        }
    }

    public func canMove(to next: RectificationStatus) -> Bool { allowedNext.contains(next) }
}
