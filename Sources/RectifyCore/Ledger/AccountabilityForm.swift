/// Forms of accountability (问责方式) used in rectification reports, mildest first.
public enum AccountabilityForm: String, Codable, CaseIterable, Sendable {
    case reminderTalk = "reminder_talk"
    case criticism = "criticism"
    case writtenSelfCriticism = "written_self_criticism"
    case admonition = "admonition"
    case partyDiscipline = "party_discipline"
    case governmentSanction = "government_sanction"
    case organizationalHandling = "organizational_handling"

    public var label: String {
        switch self {
        case .reminderTalk: "谈话提醒"
        case .criticism: "批评教育"
        case .writtenSelfCriticism: "书面检查"
        case .admonition: "诫勉"
        case .partyDiscipline: "党纪处分"
        case .governmentSanction: "政务处分"
        case .organizationalHandling: "组织处理"
        }
    }
}
