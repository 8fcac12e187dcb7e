/// A body's answer to a self-inspection task (举一反三): still owed, or what the body reported.
public enum SelfInspectionState: String, Codable, CaseIterable, Sendable {
    case pending = "pending"
    /// The body found the same kind of problem at home and entered it in its ledger with measures.
    case found = "found"
    /// The body checked and found none, and says how it checked.
    case notFound = "not_found"

    public var label: String {
        switch self {
        case .pending: "未报送"
        case .found: "查找到同类问题"
        case .notFound: "未查找到同类问题"
        }
    }
}
