/// The stages of close-out (销号): unit self-check → office review → leader sign-off.
public enum CloseOutStage: String, Codable, CaseIterable, Sendable {
    case selfCheck = "self_check"
    case officeReview = "office_review"
    case leaderSignOff = "leader_sign_off"

    public var label: String {
        switch self {
        case .selfCheck: "单位自查"
        case .officeReview: "整改办审核"
        case .leaderSignOff: "领导签批销号"
        }
    }

    /// The stage after this one, or nil when this stage closes the item.
    public var next: CloseOutStage? {
        switch self {
        case .selfCheck: .officeReview
        case .officeReview: .leaderSignOff
        case .leaderSignOff: nil
        }
    }
}

/// What a close-out stage decided.
public enum CloseOutDecision: String, Codable, CaseIterable, Sendable {
    case approve = "approve"
    case returned = "return"

    public var label: String {
        switch self {
        case .approve: "同意"
        case .returned: "退回"
        }
    }
}
