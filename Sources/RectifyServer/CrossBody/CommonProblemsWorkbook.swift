import Foundation
import RectifyCore
import RectifyDocuments

/// The common problems as a workbook: one sheet of groups (its headers those of the ledger where
/// they mean the same, so the ledger reader reads it), one of their member problems.
enum CommonProblemsWorkbook {
    static func data(_ result: CommonProblemsResult, _ request: CommonProblemsRequest) throws -> Data {
        var groups: [[TableWorkbookWriter.Cell]] = []
        var members: [[TableWorkbookWriter.Cell]] = []
        for (index, group) in result.groups.enumerated() {
            let number = String(index + 1)
            groups.append([
                .number(number), .text(group.category ?? "未分类"), .text(group.aspect ?? ""), .text(group.representativeTitle),
                .number(String(group.bodyCount)), .number(String(group.problemCount)), .number(String(group.closed)),
                .number(String(group.overdue)), .text("\(group.overduePercent)%"),
                .text(group.bodies.map { result.bodyNames[$0] ?? "" }.joined(separator: "、")),
            ])
            for id in group.members {
                guard let m = result.members[id] else { continue }
                members.append([.number(number), .text(m.bodyName), .text(m.roundTitle), .text(m.label), .text(m.title),
                                .text(m.status.label), .text(m.overdue ? "是" : "否")])
            }
        }
        let scope = [request.sector?.label ?? "全部领域", request.year.map { "\($0)年度" } ?? (request.rounds.isEmpty ? "各单位最近一轮" : "指定轮次"),
                     "相似度阈值\(SimilarityThreshold.text(request.threshold))"].joined(separator: "，")
        return try TableWorkbookWriter.write([
            .init(name: "共性问题", header: ["序号", "问题类别", "问题方面", "具体问题", "涉及单位数", "问题数", "已完成整改", "超期未完成", "超期占比", "涉及单位"],
                  rows: groups, widths: [6, 14, 14, 48, 10, 8, 10, 10, 10, 40]),
            .init(name: "问题明细", header: ["共性问题序号", "被巡察单位", "巡察轮次", "问题编号", "问题", "整改状态", "是否超期"],
                  rows: members, widths: [10, 24, 28, 10, 56, 14, 8]),
            .init(name: "说明", header: ["范围", "比对轮次", "比对问题", "说明"],
                  rows: [[.text(scope), .number(String(result.rounds)), .number(String(result.problems)), .text(result.note ?? "")]],
                  widths: [40, 10, 10, 60]),
        ])
    }
}
