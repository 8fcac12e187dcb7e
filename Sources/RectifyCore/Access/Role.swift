/// Who a user is to Rectify. Each route names the roles that may use it.
public enum Role: String, Codable, CaseIterable, Sendable {
    /// 整改办: builds the plan, assigns, reviews, publishes.
    case office = "office"
    /// 责任领导 / 党组书记: sees the board, signs off close-out.
    case leader = "leader"
    /// 责任单位填报员: sees and reports only its own units' measures.
    case unitReporter = "unit_reporter"
    /// 派驻纪检监察组 / 巡察办: reads everything, verifies, looks back.
    case supervisor = "supervisor"
    /// 系统管理员.
    case admin = "admin"

    public var label: String {
        switch self {
        case .office: "整改办"
        case .leader: "责任领导"
        case .unitReporter: "责任单位填报员"
        case .supervisor: "监督人员"
        case .admin: "系统管理员"
        }
    }

    /// Roles that see every inspected body and round without a unit restriction.
    public var readsAllBodies: Bool { self == .admin || self == .supervisor }
}

/// Named groups of roles, so route tables read as intent rather than lists.
public enum Access {
    public static let everyone: Set<Role> = Set(Role.allCases)
    public static let ledgerReaders: Set<Role> = [.office, .leader, .supervisor, .admin]
    public static let ledgerWriters: Set<Role> = [.office, .admin]
    public static let reporters: Set<Role> = [.unitReporter, .office, .admin]
    public static let reviewers: Set<Role> = [.office, .admin]
    public static let closeOutActors: Set<Role> = [.unitReporter, .office, .leader, .admin]
    public static let verifiers: Set<Role> = [.supervisor, .office, .admin]
    public static let auditReaders: Set<Role> = [.supervisor, .admin]
    public static let admins: Set<Role> = [.admin]
}
