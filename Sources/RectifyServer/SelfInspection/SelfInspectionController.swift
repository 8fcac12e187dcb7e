import Fluent
import RectifyCore
import Vapor

/// `/self-inspection-tasks`: the inspection office issues 举一反三 tasks to bodies picked or by sector;
/// each body's office answers once, found (with the problem and measures entered in its ledger) or
/// not found. A body's users see only the tasks sent to their body and only their own answer.
struct SelfInspectionController: RouteCollection {
    static let readers: Set<Role> = [.supervisor, .admin, .office, .leader]
    static let issuers: Set<Role> = [.supervisor, .admin]
    /// The body's rectification office answers for the body.
    static let answerers: Set<Role> = [.office]

    static let operations: [APIOperation] = [
        APIOperation(method: "GET", path: "/self-inspection-tasks", summary: "举一反三任务列表（巡察机构：全部及各任务报送统计；被巡察单位：发给本单位的任务及本单位报送情况）",
                     access: .roles(readers), request: nil,
                     response: .object([req("items", .array(SelfInspectionTaskDTO.schema)), req("page", .integer), req("per", .integer),
                                        req("total", .integer)]), status: 200,
                     query: [("page", "页码"), ("per", "每页条数"), ("bodyId", "发给该被巡察单位的任务"),
                             ("state", "有该报送状态的任务：pending / found / not_found"), ("late", "true：有逾期未报送单位的任务"),
                             ("problemId", "由该问题发起的任务（仅巡察机构）")]),
        APIOperation(method: "GET", path: "/self-inspection-tasks/{id}", summary: "举一反三任务详情及可见的报送情况", access: .roles(readers),
                     request: nil, response: SelfInspectionTaskDTO.schema, status: 200),
        APIOperation(method: "POST", path: "/self-inspection-tasks", summary: "部署举一反三自查任务（由问题或文字发起，按领域或点选单位）",
                     access: .roles(issuers), request: .object(SelfInspectionService.createSchema), response: SelfInspectionTaskDTO.schema,
                     status: 201),
        APIOperation(method: "POST", path: "/self-inspection-tasks/{id}/answer",
                     summary: "报送本单位自查情况（查找到同类问题的，问题和整改措施录入本单位当前巡察轮次的整改台账）；报送后不能重复报送",
                     access: .roles(answerers), request: .object(SelfInspectionService.answerSchema),
                     response: SelfInspectionTaskDTO.answerSchema, status: 200),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "self-inspection-tasks", access: .roles(Self.readers), use: list)
        routes.endpoint(.GET, "self-inspection-tasks", ":id", access: .roles(Self.readers), use: get)
        routes.endpoint(.POST, "self-inspection-tasks", access: .roles(Self.issuers), use: create)
        routes.endpoint(.POST, "self-inspection-tasks", ":id", "answer", access: .roles(Self.answerers), use: answer)
    }

    @Sendable
    func list(_ req: Request) async throws -> Page<SelfInspectionTaskDTO> {
        let access = try await req.access()
        let params = try ListParameters.from(req)
        return try await SelfInspectionService.page(access, try .from(req, access: access), params, on: req.db)
    }

    @Sendable
    func get(_ req: Request) async throws -> Response {
        let access = try await req.access()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound(SelfInspectionService.label) }
        let (task, dto) = try await SelfInspectionService.detail(id, access: access, on: req.db)
        let response = Response(status: .ok)
        try response.content.encode(dto, as: .json)
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(task.version)\"")
        return response
    }

    @Sendable
    func create(_ req: Request) async throws -> Response {
        let input = try req.content.decode(SelfInspectionService.CreateInput.self)
        let access = try await req.access()
        let dto = try await SelfInspectionService.create(input, access: access, on: req)
        let response = Response(status: .created)
        try response.content.encode(dto, as: .json)
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(dto.version)\"")
        return response
    }

    /// The version expected is the answer's (`If-Match` or `version`), as the task's detail shows it.
    @Sendable
    func answer(_ req: Request) async throws -> Response {
        let input = try req.content.decode(SelfInspectionService.AnswerInput.self)
        let access = try await req.access()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound(SelfInspectionService.label) }
        let expected = try req.expectedVersion(input.version)
        let dto = try await SelfInspectionService.answer(taskID: id, input, expected: expected, access: access, on: req)
        let response = Response(status: .ok)
        try response.content.encode(dto, as: .json)
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(dto.version)\"")
        return response
    }
}
