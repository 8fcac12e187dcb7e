import Fluent
import Foundation
import RectifyCore
import Vapor

/// Common problems (共性问题) across bodies, for the inspection office and supervisors: problems of
/// a sector's or all bodies' rounds, grouped by category and by wording.
struct CommonProblemsController: RouteCollection {
    static let query: [(String, String)] = [
        ("sector", "所属领域（缺省为全部被巡察单位）"), ("inspectionYear", "巡察年度：比对该年反馈的各轮次"),
        ("inspectionIds", "以逗号分隔的巡察轮次；缺省时比对各单位最近一轮"), ("threshold", "相似度阈值 0.30–0.90，缺省 0.50"),
        ("minBodies", "最少涉及单位数，缺省 2"), ("sort", "bodies / problems / overdue / category"), ("page", "页码"), ("per", "每页条数"),
    ]

    static let operations: [APIOperation] = [
        APIOperation(method: "GET", path: "/common-problems", summary: "共性问题：按类别和表述相似度归并多个单位的问题",
                     access: .roles(Access.auditReaders), request: nil,
                     response: .object([req("items", .array(CommonProblemGroupDTO.schema)), req("page", .integer), req("per", .integer),
                                        req("total", .integer), req("thresholdPercent", .integer), req("minBodies", .integer),
                                        req("roundsCompared", .integer), req("problemsCompared", .integer),
                                        req("capped", .boolean, "是否因比对上限只比对了部分问题"), opt("note", .string)]),
                     status: 200, query: query),
        APIOperation(method: "GET", path: "/common-problems/export", summary: "共性问题（Excel）", access: .roles(Access.auditReaders),
                     request: nil, response: .string, status: 200, responseMediaType: DocumentController.xlsx,
                     query: query.filter { $0.0 != "page" && $0.0 != "per" }),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "common-problems", access: .roles(Access.auditReaders), heavy: true, use: list)
        routes.endpoint(.GET, "common-problems", "export", access: .roles(Access.auditReaders), heavy: true, use: export)
    }

    @Sendable
    func list(_ req: Request) async throws -> CommonProblemsPage {
        let access = try await req.access()
        let params = try ListParameters.from(req)
        let request = try CommonProblemsRequest.from(req)
        let result = try await CommonProblemsSource.load(request, today: access.today, on: req.db)
        let start = min((params.page - 1) * params.per, result.groups.count)
        let end = min(start + params.per, result.groups.count)
        return CommonProblemsPage(
            items: result.groups[start..<end].map { CommonProblemGroupDTO($0, result) }, page: params.page, per: params.per,
            total: result.groups.count, thresholdPercent: Int((request.threshold * 100).rounded()), minBodies: request.minimumBodies,
            roundsCompared: result.rounds, problemsCompared: result.problems, capped: result.capped, note: result.note)
    }

    @Sendable
    func export(_ req: Request) async throws -> Response {
        let access = try await req.access()
        let request = try CommonProblemsRequest.from(req)
        let result = try await CommonProblemsSource.load(request, today: access.today, on: req.db)
        // The cap on problems bounds the workbook, so it is built in memory.
        let data = try CommonProblemsWorkbook.data(result, request)
        return DocumentController.download(.init(name: "共性问题\(access.today.iso).xlsx", data: data), type: DocumentController.xlsx)
    }
}
