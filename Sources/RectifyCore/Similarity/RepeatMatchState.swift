/// Where a suggested repeat (屡查屡犯) stands: suggested by wording, then confirmed or dismissed by
/// the supervisor, once.
public enum RepeatMatchState: String, Codable, CaseIterable, Sendable {
    case suggested, confirmed, dismissed

    public var label: String {
        switch self {
        case .suggested: "待认定"
        case .confirmed: "已认定屡查屡犯"
        case .dismissed: "已排除"
        }
    }
}
