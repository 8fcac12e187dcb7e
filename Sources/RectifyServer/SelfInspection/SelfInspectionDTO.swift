import Foundation
import RectifyCore
import Vapor

/// A body's answer as the API and pages show it. A body's own users see only their own.
struct SelfInspectionAnswerDTO: Content, Equatable {
    var id: UUID
    var taskId: UUID
    var bodyId: UUID
    var bodyName: String
    var state: SelfInspectionState
    var stateLabel: String
    /// pending / late / answered / answeredLate, as of the request's day.
    var standing: String
    var standingLabel: String
    var dueOn: Day
    var explanation: String?
    var answeredOn: Day?
    var answeredBy: String?
    var problemId: UUID?
    var version: Int
}

/// A self-inspection task. `counts` are for readers of every body only; a body's users get their own
/// answer in `answers` and nothing of any other body.
struct SelfInspectionTaskDTO: Content, Equatable {
    struct Counts: Content, Equatable {
        var bodies: Int
        var answered: Int
        var pending: Int
        var late: Int
        var found: Int
    }

    var id: UUID
    var title: String
    var requirement: String
    var sourceProblemId: UUID?
    var sectors: [String]
    var workingDays: Int
    var issuedOn: Day
    var dueOn: Day
    var issuedBy: String
    var counts: Counts?
    var answers: [SelfInspectionAnswerDTO]
    var version: Int
}

extension SelfInspectionTaskDTO {
    static let answerSchema: SchemaType = .object([
        req("id", .uuid), req("taskId", .uuid), req("bodyId", .uuid), req("bodyName", .string),
        req("state", .enumeration(SelfInspectionState.allCases.map(\.rawValue))), req("stateLabel", .string),
        req("standing", .enumeration(["pending", "late", "answered", "answeredLate"]), "待报送 / 逾期未报送 / 已按期报送 / 逾期报送"),
        req("standingLabel", .string), req("dueOn", .date, "报送期限"), opt("explanation", .string, "自查情况说明"),
        opt("answeredOn", .date), opt("answeredBy", .string), opt("problemId", .uuid, "查找到的问题（已录入整改台账）"), req("version", .integer)])

    static let schema: SchemaType = .object([
        req("id", .uuid), req("title", .string, "任务名称"), req("requirement", .string, "自查要求"),
        opt("sourceProblemId", .uuid, "来源问题（仅巡察机构可见）"), req("sectors", .array(.enumeration(BodySector.allCases.map(\.rawValue)))),
        req("workingDays", .integer, "报送时限（工作日）"), req("issuedOn", .date), req("dueOn", .date, "报送期限"), req("issuedBy", .string),
        opt("counts", .object([req("bodies", .integer), req("answered", .integer), req("pending", .integer), req("late", .integer),
                               req("found", .integer)]), "各单位报送情况统计（仅巡察机构可见）"),
        req("answers", .array(answerSchema), "列表中仅本单位的报送情况；详情中巡察机构可见全部单位"), req("version", .integer)])
}
