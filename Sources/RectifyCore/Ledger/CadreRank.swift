/// Rank (职级) of a person, as reports count people held accountable by rank.
public enum CadreRank: String, Codable, CaseIterable, Sendable {
    case bureau = "bureau"          // 厅局级
    case division = "division"      // 处级（县处级）
    case section = "section"        // 科级（乡科级）
    case staff = "staff"            // 一般干部
    case other = "other"            // 其他人员（含劳务派遣等）

    public var label: String {
        switch self {
        case .bureau: "厅局级"
        case .division: "处级"
        case .section: "科级"
        case .staff: "一般干部"
        case .other: "其他人员"
        }
    }
}
