/// The outcome of a look-back check (回头看) after close-out.
public enum LookBackResult: String, Codable, CaseIterable, Sendable {
    case scheduled = "scheduled"
    case passed = "passed"
    case failed = "failed"

    public var label: String {
        switch self {
        case .scheduled: "待回头看"
        case .passed: "巩固良好"
        case .failed: "出现反弹，重新整改"
        }
    }
}
