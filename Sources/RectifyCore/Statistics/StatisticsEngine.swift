import Foundation

/// Computes completion statistics from the ledger as it stood on a given day.
///
/// Counting rules (also in `rules`, in Chinese, for printing under published figures):
/// 1. As of day D, an item counts if it was created on or before D; its status is the last change
///    recorded on or before D (未启动 if none). Items created after D are left out.
/// 2. Completed (已完成整改) means closed (销号). Completion rate = completed ÷ total, kept as the
///    exact fraction; the percentage has one decimal, rounded half up, shows 100% only when every
///    item is closed and 0% only when none is.
/// 3. Basically completed (基本完成) is counted separately and is not completed; neither is an
///    item awaiting close-out (销号审核中).
/// 4. An item reopened by a look-back (closed, then any other status) is not completed until it
///    is closed again. Reopened items are counted: those still open, and all ever reopened.
/// 5. Long-term items (需长期坚持) count as completed only when closed; all long-term items are
///    also counted separately, so that count overlaps the others and must not be added to them.
/// 6. Each item is counted once in every breakdown (source, category, aspect, lead unit,
///    responsible leader), so each breakdown's totals add up to the overall total. Items without
///    a category, aspect, lead unit or leader are grouped as 未分类 / 未分方面 / 未明确牵头单位 /
///    未明确责任领导. Aspects are grouped within their category.
public enum StatisticsEngine {
    public static let rules: [String] = [
        "统计以截至统计日（含当日）的台账为准：每项事项取统计日及之前最后一次状态变更，此前无变更的计为“未启动”；统计日之后新增的事项不计入。",
        "“已完成整改”指已对账销号的事项。整改完成率＝已完成整改数÷事项总数，百分比保留一位小数、四舍五入；只有全部销号时才显示100%，有已销号事项时不显示0%。",
        "“基本完成”（取得阶段性成果、持续整改）单独统计，不计入已完成；“销号审核中”的事项尚未销号，也不计入已完成。",
        "经“回头看”重新整改的事项，再次销号前不计入已完成；单列“回头看重新整改未销号”数和“曾经重新整改”总数。",
        "需长期坚持的事项销号后才计入已完成；另单列“需长期坚持”数（含已销号和未销号），与其他各项有重叠，不能相加。",
        "按问题来源、类别、方面、牵头单位、责任领导分组统计时，每项事项在每种分组中只计一次，各组合计等于事项总数；方面在所属类别内分组；未填写类别、方面、牵头单位或责任领导的事项分别归入“未分类”“未分方面”“未明确牵头单位”“未明确责任领导”。",
    ]

    static let unassignedCategory = "未分类"
    static let unassignedAspect = "未分方面"
    static let unassignedUnit = "未明确牵头单位"
    static let unassignedLeader = "未明确责任领导"

    public static func compute(_ items: [StatisticsItem], asOf day: Day) -> StatisticsReport {
        var overall = CompletionFigures()
        var bySource = Breakdown()
        var byCategory = Breakdown()
        var byAspect = Breakdown()
        var byUnit = Breakdown()
        var byLeader = Breakdown()
        var excluded = 0

        for item in items {
            guard let status = item.status(asOf: day) else {
                excluded += 1
                continue
            }
            let reopened = item.wasReopened(asOf: day)
            func add(_ breakdown: inout Breakdown, _ name: String?, placeholder: String, parent: String? = nil) {
                breakdown.add(label: name ?? placeholder, parent: parent, unassigned: name == nil,
                              status: status, kind: item.kind, reopened: reopened)
            }
            let category = cleaned(item.category)
            overall.add(status: status, kind: item.kind, reopened: reopened)
            add(&bySource, item.source.label, placeholder: "")
            add(&byCategory, category, placeholder: unassignedCategory)
            add(&byAspect, cleaned(item.aspect), placeholder: unassignedAspect,
                parent: category ?? unassignedCategory)
            add(&byUnit, cleaned(item.unitName), placeholder: unassignedUnit)
            add(&byLeader, cleaned(item.leaderName), placeholder: unassignedLeader)
        }

        let sourceOrder = ProblemSource.allCases.map(\.label)
        let sources = bySource.rows.sorted {
            (sourceOrder.firstIndex(of: $0.label) ?? .max) < (sourceOrder.firstIndex(of: $1.label) ?? .max)
        }
        return StatisticsReport(asOf: day, overall: overall, bySource: sources, byCategory: byCategory.rows,
                                byAspect: byAspect.rows, byUnit: byUnit.rows, byLeader: byLeader.rows,
                                excludedCreatedLater: excluded, rules: rules)
    }

    /// Rows in first-seen order, keyed by parent and label.
    private struct Breakdown {
        var rows: [StatisticsBreakdownRow] = []
        private var index: [String: Int] = [:]

        mutating func add(label: String, parent: String?, unassigned: Bool, status: RectificationStatus,
                          kind: MeasureKind, reopened: Bool) {
            // The unassigned flag is part of the key so a real group named like a placeholder stays apart.
            let key = "\(parent ?? "")\u{1F}\(label)\u{1F}\(unassigned)"
            let position: Int
            if let existing = index[key] {
                position = existing
            } else {
                position = rows.count
                index[key] = position
                rows.append(StatisticsBreakdownRow(label: label, parentLabel: parent, isUnassigned: unassigned))
            }
            rows[position].figures.add(status: status, kind: kind, reopened: reopened)
        }
    }

    /// Blank names count as missing, so stray whitespace cannot create a separate group.
    private static func cleaned(_ name: String?) -> String? {
        guard let trimmed = name?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
