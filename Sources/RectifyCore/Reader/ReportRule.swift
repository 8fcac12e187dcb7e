import Foundation

/// The checks `ReportChecker` runs. The raw value is the stable machine code of a finding;
/// `summary` is the one-line description a README table is written from.
public enum ReportRule: String, Codable, Sendable, CaseIterable {
    case problemCount = "claim.problem_count"
    case sectionCount = "claim.section_count"
    case completedCount = "claim.completed_count"
    case completionRate = "claim.completion_rate"
    case measureCount = "claim.measure_count"
    case accountabilityTotal = "claim.accountability_total"
    case accountabilityRanks = "claim.accountability_ranks"
    case accountabilityForms = "claim.accountability_forms"
    case summaryOnly = "claim.summary_only"
    case numberingRepeat = "numbering.repeat"
    case numberingGap = "numbering.gap"
    case numberingMixedStyle = "numbering.mixed_style"
    case dateBeforeInspection = "date.before_inspection"
    case dateAfterStatus = "date.after_status"
    case statusAfterPublication = "date.status_after_publication"
    case roundOrder = "date.round_order"
    case completedButOngoing = "status.completed_but_ongoing"
    case noMeasurableResult = "paper.no_measurable_result"
    case noProgressText = "problem.no_progress_text"

    public var severity: ReportSeverity {
        switch self {
        case .problemCount, .sectionCount, .completedCount, .completionRate, .accountabilityRanks, .accountabilityForms,
             .numberingRepeat, .statusAfterPublication, .roundOrder:
            return .error
        case .measureCount, .accountabilityTotal, .numberingGap, .numberingMixedStyle, .dateBeforeInspection,
             .dateAfterStatus, .completedButOngoing, .noMeasurableResult, .noProgressText:
            return .warning
        case .summaryOnly:
            return .info
        }
    }

    /// What the rule checks, in Chinese, for documentation and the table rendering.
    public var summary: String {
        switch self {
        case .problemCount: return "汇总称某类问题（巡察反馈、书记专题会交办、自查自纠）共N个，与正文逐项列出的问题数不符"
        case .sectionCount: return "标题中“（共N个）”与该标题下实际列出的问题数不符"
        case .completedCount: return "汇总称已完成整改N个，与正文中标明已完成的问题数不符"
        case .completionRate: return "汇总的整改完成率与“已完成数÷问题数”重新计算的结果不符"
        case .measureCount: return "称细化整改措施N条，与各问题整改情况中逐条列出的措施总数不符"
        case .accountabilityTotal: return "称问责N人，与各问题整改情况中写明人数的问责（如“对3名干部进行了处理”）合计不符；未写人数的（“多名”“相关责任人”）单独列出"
        case .accountabilityRanks: return "问责人数按职级分列（“其中：科级15人、一般干部8人”）相加不等于总数"
        case .accountabilityForms: return "问责人数按方式分列（“诫勉谈话2人、批评教育5人”）相加不等于所称总数"
        case .summaryOnly: return "报告只有汇总数字，未逐项列出问题，无法逐项核对"
        case .numberingRepeat: return "同一层级编号重复，如措施“④”出现两次、问题“(5)”出现两次"
        case .numberingGap: return "同一层级编号跳号或不从1开始，如“①②④”、问题“(3)”后接“(5)”"
        case .numberingMixedStyle: return "同级标题或问题混用编号样式，如“一、”之后接“2、”"
        case .dateBeforeInspection: return "作为整改措施列出的行动，日期（精确到日或月）早于巡察进驻之日"
        case .dateAfterStatus: return "行动日期晚于报告所称的统计截止日（“截至……”）"
        case .statusAfterPublication: return "统计截止日晚于报告落款日期"
        case .roundOrder: return "巡察进驻、结束、反馈、统计截止日期前后顺序颠倒"
        case .completedButOngoing: return "问题标明已完成整改，整改情况却写有“正在”“等待”“暂时不能”“尚未”“下一步”“前期工作”等仍在进行的表述"
        case .noMeasurableResult: return "问题标明已完成整改，但各项措施只有学习、会议、发文、问责，没有数量、完工、追回资金等可衡量结果（纸面整改风险）"
        case .noProgressText: return "问题没有任何整改情况说明"
        }
    }
}
