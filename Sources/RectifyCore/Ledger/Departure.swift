/// How a person stopped serving in the body (离任 or 调离). The person is kept, so the measures and
/// registers that name them keep their name; they are no longer chosen as a leader of new work.
public enum Departure: String, Codable, CaseIterable, Sendable {
    case leftOffice = "left_office"   // 离任
    case transferred = "transferred"  // 调离

    public var label: String {
        switch self {
        case .leftOffice: "离任"
        case .transferred: "调离"
        }
    }
}
