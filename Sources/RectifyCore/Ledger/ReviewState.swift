/// The office's review of a progress report.
public enum ReviewState: String, Codable, CaseIterable, Sendable {
    case submitted = "submitted"
    case approved = "approved"
    case returned = "returned"

    public var label: String {
        switch self {
        case .submitted: "待审核"
        case .approved: "审核通过"
        case .returned: "退回修改"
        }
    }

    public var allowedNext: Set<ReviewState> {
        switch self {
        case .submitted: [.approved, .returned]
        case .returned: [.submitted]
        case .approved: []
        }
    }
}
