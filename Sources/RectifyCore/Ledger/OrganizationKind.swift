/// What an organization is in the tree of an installation.
public enum OrganizationKind: String, Codable, CaseIterable, Sendable {
    /// An inspected body (被巡察党组织), e.g. a bureau's Party group.
    case body = "body"
    /// An internal office or department of a body (内设科室).
    case department = "department"
    /// A subordinate institution (局属单位).
    case subordinate = "subordinate"
    /// An inspecting or supervising organ (巡察组, 巡察办, 派驻纪检监察组).
    case supervisor = "supervisor"

    public var label: String {
        switch self {
        case .body: "被巡察单位"
        case .department: "内设机构"
        case .subordinate: "下属单位"
        case .supervisor: "巡察（监督）机构"
        }
    }
}
