/// Who a reminder notice goes to, as a role in the item's responsibility chain. The app resolves
/// each role to the people recorded for the item.
public enum EscalationRecipient: String, Codable, CaseIterable, Sendable {
    /// 经办人 / 责任单位联系人.
    case handler = "handler"
    /// 责任领导.
    case responsibleLeader = "responsible_leader"
    /// 责任单位主要负责人.
    case unitHead = "unit_head"
    /// 党组书记.
    case partySecretary = "party_secretary"

    public var label: String {
        switch self {
        case .handler: "经办人（责任单位联系人）"
        case .responsibleLeader: "责任领导"
        case .unitHead: "单位主要负责人"
        case .partySecretary: "党组书记"
        }
    }
}
