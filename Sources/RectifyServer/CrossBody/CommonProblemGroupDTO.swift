import Foundation
import RectifyCore
import Vapor

/// A common problem as the API gives it.
struct CommonProblemGroupDTO: Content {
    struct StatusCount: Content { var status: RectificationStatus; var label: String; var count: Int }
    struct Body: Content { var id: UUID; var name: String }
    struct Member: Content {
        var problemId: UUID
        var bodyId: UUID
        var bodyName: String
        var inspectionId: UUID
        var roundTitle: String
        var label: String
        var title: String
        var status: RectificationStatus
        var overdue: Bool
    }

    var category: String?
    var aspect: String?
    var title: String
    var representativeId: UUID
    var bodyCount: Int
    var problemCount: Int
    var closed: Int
    var overdue: Int
    var overduePercent: Int
    var weakestLinkPercent: Int
    var statuses: [StatusCount]
    var bodies: [Body]
    var members: [Member]

    init(_ group: CommonProblemGroup, _ result: CommonProblemsResult) {
        category = group.category
        aspect = group.aspect
        title = group.representativeTitle
        representativeId = group.representative
        bodyCount = group.bodyCount
        problemCount = group.problemCount
        closed = group.closed
        overdue = group.overdue
        overduePercent = group.overduePercent
        weakestLinkPercent = Int((group.weakestLink * 100).rounded())
        statuses = RectificationStatus.allCases.compactMap { status in
            group.statuses[status].map { StatusCount(status: status, label: status.label, count: $0) }
        }
        bodies = group.bodies.map { Body(id: $0, name: result.bodyNames[$0] ?? "") }
        members = group.members.compactMap { id in
            result.members[id].map {
                Member(problemId: $0.problemID, bodyId: $0.bodyID, bodyName: $0.bodyName, inspectionId: $0.roundID, roundTitle: $0.roundTitle,
                       label: $0.label, title: $0.title, status: $0.status, overdue: $0.overdue)
            }
        }
    }

    static let schema: SchemaType = .object([
        opt("category", .string), opt("aspect", .string), req("title", .string, "代表性表述"), req("representativeId", .uuid),
        req("bodyCount", .integer, "涉及单位数"), req("problemCount", .integer), req("closed", .integer, "已完成整改"),
        req("overdue", .integer, "超期未完成"), req("overduePercent", .integer, "超期占比（%）"),
        req("weakestLinkPercent", .integer, "组内相连问题的最低相似度（%）"),
        req("statuses", .array(.object([req("status", .enumeration(RectificationStatus.allCases.map(\.rawValue))),
                                         req("label", .string), req("count", .integer)]))),
        req("bodies", .array(.object([req("id", .uuid), req("name", .string)]))),
        req("members", .array(.object([req("problemId", .uuid), req("bodyId", .uuid), req("bodyName", .string), req("inspectionId", .uuid),
                                        req("roundTitle", .string), req("label", .string), req("title", .string),
                                        req("status", .enumeration(RectificationStatus.allCases.map(\.rawValue))),
                                        req("overdue", .boolean)]))),
    ])
}

/// One page of common problems, with the threshold used and how much was compared.
struct CommonProblemsPage: Content {
    var items: [CommonProblemGroupDTO]
    var page: Int
    var per: Int
    var total: Int
    var thresholdPercent: Int
    var minBodies: Int
    var roundsCompared: Int
    var problemsCompared: Int
    var capped: Bool
    var note: String?
}
