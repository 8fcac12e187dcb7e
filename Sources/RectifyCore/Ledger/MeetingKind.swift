/// Kinds of meetings a rectification office records.
public enum MeetingKind: String, Codable, CaseIterable, Sendable {
    case partyGroup = "party_group"              // 党组会
    case special = "special"                     // 专题会
    case dispatch = "dispatch"                   // 调度会
    case progressBriefing = "progress_briefing"  // 听取整改进展汇报
    case democraticLife = "democratic_life"      // 专题民主生活会
    case mobilization = "mobilization"           // 动员部署会

    public var label: String {
        switch self {
        case .partyGroup: "党组会"
        case .special: "专题会"
        case .dispatch: "调度会"
        case .progressBriefing: "听取整改进展情况汇报"
        case .democraticLife: "专题民主生活会"
        case .mobilization: "动员部署会"
        }
    }
}
