import Foundation

/// The columns of the rectification ledger (整改台账), with the header names other offices
/// use for the same column.
public enum LedgerColumn: Int, CaseIterable, Sendable {
    case sequence, source, category, problem, measure, leader, leadUnit, supportingUnits, deadline, completion, evidence
    /// 立行立改 / 限期整改 / 长期坚持, last so that the columns before it keep their letters.
    case kind

    /// The header the writer uses.
    public var header: String {
        switch self {
        case .sequence: return "序号"
        case .source: return "问题来源"
        case .category: return "问题类别"
        case .problem: return "具体问题"
        case .measure: return "整改措施"
        case .leader: return "责任领导"
        case .leadUnit: return "责任单位"
        case .supportingUnits: return "配合单位"
        case .deadline: return "整改时限"
        case .completion: return "完成情况"
        case .evidence: return "佐证材料"
        case .kind: return "整改类型"
        }
    }

    /// Header names the reader accepts for this column (after removing spaces and line breaks).
    public var synonyms: [String] {
        switch self {
        case .sequence: return ["序号", "编号", "问题序号"]
        case .source: return ["问题来源", "来源"]
        case .category: return ["问题类别", "类别", "问题类型", "问题分类"]
        case .problem: return ["具体问题", "问题", "问题描述", "存在问题", "反馈问题", "问题表现"]
        case .measure: return ["整改措施", "具体措施", "措施", "整改举措"]
        case .leader: return ["责任领导", "分管领导", "牵头领导", "责任人"]
        case .leadUnit: return ["责任单位", "牵头单位", "责任部门", "牵头部门", "责任科室"]
        case .supportingUnits: return ["配合单位", "协办单位", "配合部门", "协同单位"]
        case .deadline: return ["整改时限", "完成时限", "整改期限", "完成期限", "时限要求", "整改时间"]
        case .completion: return ["完成情况", "整改情况", "进展情况", "整改进展", "整改进度"]
        case .evidence: return ["佐证材料", "佐证资料", "证明材料", "印证材料"]
        case .kind: return ["整改类型", "措施类型", "整改方式", "整改类别"]
        }
    }

    /// Column width in characters of the default font.
    var width: Double {
        switch self {
        case .sequence: return 6
        case .source: return 14
        case .category: return 14
        case .problem: return 36
        case .measure: return 48
        case .leader: return 10
        case .leadUnit: return 16
        case .supportingUnits: return 16
        case .deadline: return 16
        case .completion: return 30
        case .evidence: return 24
        case .kind: return 10
        }
    }

    /// The problem columns, merged down across a problem's measures.
    var isProblemColumn: Bool {
        self == .sequence || self == .source || self == .category || self == .problem
    }

    /// The column a header cell names, if any.
    static func matching(header text: String) -> LedgerColumn? {
        let key = text.filter { !$0.isWhitespace && $0 != "*" && $0 != "＊" }
        guard !key.isEmpty else { return nil }
        return allCases.first { $0.synonyms.contains(key) }
    }
}
