import Foundation
import RectifyCore

/// The common problems found for a request, with what the page, the API and the workbook show of
/// each member, and how much was compared.
struct CommonProblemsResult: Sendable {
    struct Member: Sendable {
        let problemID: UUID
        let bodyID: UUID
        let bodyName: String
        let roundID: UUID
        let roundTitle: String
        let label: String
        let title: String
        let status: RectificationStatus
        let overdue: Bool
    }

    /// Groups in the order asked for.
    let groups: [CommonProblemGroup]
    let members: [UUID: Member]
    let bodyNames: [UUID: String]
    let rounds: Int
    let problems: Int
    /// More problems were in scope than one request compares: the first `CommonProblemsSource.problemCap` were.
    let capped: Bool

    var note: String? {
        capped ? "所选范围内问题超过\(CommonProblemsSource.problemCap)个，本次只比对了其中\(problems)个；请按领域、年度或轮次缩小范围。" : nil
    }
}
