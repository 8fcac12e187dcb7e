import Foundation
import RectifyCore

/// The "three lists" of a rectification plan — 问题清单, 任务清单, 责任清单 — each printed
/// as a table in a landscape section.
public struct ListsContent: Sendable, Equatable {
    public var title: String
    public var problems: [ListsProblem]
    public var issuer: String
    public var date: Day

    public init(title: String, problems: [ListsProblem], issuer: String, date: Day) {
        self.title = title
        self.problems = problems
        self.issuer = issuer
        self.date = date
    }

    public static let problemHeader = ["序号", "问题类别", "问题方面", "具体问题", "整改措施数"]
    public static let taskHeader = ["序号", "具体问题", "整改措施", "整改目标", "整改期限"]
    public static let responsibilityHeader = ["序号", "整改措施", "责任领导", "牵头单位", "配合单位", "整改期限"]

    public func makeDocument() -> OfficialDocument {
        let problemRows = problems.enumerated().map { index, problem in
            [String(index + 1), problem.category, problem.aspect, problem.title, String(problem.measures.count)]
        }
        var taskRows: [[String]] = []
        var responsibilityRows: [[String]] = []
        for (problemIndex, problem) in problems.enumerated() {
            for (measureIndex, measure) in problem.measures.enumerated() {
                let number = "\(problemIndex + 1).\(measureIndex + 1)"
                let deadline = measure.deadline?.chinese ?? "长期坚持"
                taskRows.append([number, problem.title, measure.text, measure.target, deadline])
                responsibilityRows.append([number, measure.text, measure.leader, measure.leadUnit,
                                           measure.supportingUnits.joined(separator: "、"), deadline])
            }
        }
        let measureCount = taskRows.count
        let blocks: [DocumentBlock] = [
            .paragraph("本清单共列具体问题\(problems.count)个、整改措施\(measureCount)条，明确每条措施的责任领导、牵头单位、配合单位和整改期限。"),
            .table(DocumentTable(caption: "一、问题清单", header: Self.problemHeader, rows: problemRows,
                                 columnWidths: [6, 16, 20, 46, 12], landscape: true)),
            .pageBreak,
            .table(DocumentTable(caption: "二、任务清单", header: Self.taskHeader, rows: taskRows,
                                 columnWidths: [7, 24, 35, 16, 18], landscape: true)),
            .pageBreak,
            .table(DocumentTable(caption: "三、责任清单", header: Self.responsibilityHeader, rows: responsibilityRows,
                                 columnWidths: [7, 36, 10, 15, 14, 18], landscape: true)),
        ]
        return OfficialDocument(title: title, blocks: blocks, issuer: issuer, date: date)
    }
}
