import Fluent
import RectifyCore
import Vapor

struct AuditEventDTO: Content {
    var sequence: Int64
    var at: Date
    var actorId: String?
    var actorName: String
    var action: String
    var entity: String
    var entityId: String
    var before: String?
    var after: String?
    var previousHash: String
    var hash: String
    var requestId: String?
}

struct AuditVerificationDTO: Content {
    var intact: Bool
    var checked: Int64
    var firstBrokenSequence: Int64?
    var message: String
}

/// The audit log, for supervisors and administrators.
struct AuditController: RouteCollection {
    static let operations: [APIOperation] = [
        APIOperation(method: "GET", path: "/audit", summary: "审计日志（新的在前）", access: .roles(Access.auditReaders),
                     request: nil, response: .object([
                        req("items", .array(.object([
                            req("sequence", .int64), req("at", .dateTime), opt("actorId", .string), req("actorName", .string),
                            req("action", .string), req("entity", .string), req("entityId", .string),
                            opt("before", .string), opt("after", .string), req("previousHash", .string), req("hash", .string),
                            opt("requestId", .string)]))),
                        req("page", .integer), req("per", .integer), req("total", .integer)]), status: 200,
                     query: [("page", "页码"), ("per", "每页条数"), ("entity", "实体类型"), ("entityId", "实体编号"),
                             ("actorId", "操作人编号"),
                             ("requestId", "请求编号（X-Request-Id）"), ("order", "asc 为从旧到新")]),
        APIOperation(method: "GET", path: "/audit/verify", summary: "校验审计哈希链", access: .roles(Access.auditReaders),
                     request: nil, response: .object([req("intact", .boolean), req("checked", .int64),
                                                      opt("firstBrokenSequence", .int64), req("message", .string)]), status: 200),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "audit", access: .roles(Access.auditReaders), use: list)
        routes.endpoint(.GET, "audit", "verify", access: .roles(Access.auditReaders), use: verify)
    }

    @Sendable
    func list(_ req: Request) async throws -> Page<AuditEventDTO> {
        let params = try ListParameters.from(req)
        let query = AuditEvent.query(on: req.db)
        var filtered = false
        if let entity = req.query[String.self, at: "entity"], !entity.isEmpty { query.filter(\.$entity == entity); filtered = true }
        if let id = req.query[String.self, at: "entityId"], !id.isEmpty { query.filter(\.$entityID == id); filtered = true }
        if let actor = req.query[String.self, at: "actorId"], !actor.isEmpty { query.filter(\.$actorID == actor); filtered = true }
        if let request = req.query[String.self, at: "requestId"], !request.isEmpty { query.filter(\.$requestID == request); filtered = true }
        query.sort(\.$id, req.query[String.self, at: "order"] == "asc" ? .ascending : .descending)
        // The whole log is numbered from 1 without gaps (`audit verify` checks it), so its size is
        // the head's sequence number; counting it would take longer the longer it grows.
        let total = filtered ? try await query.copy().count() : Int(try await AuditHead.read(.seq, on: req.db))
        let rows = try await query.page(params).all()
        return Page(items: rows.map {
            AuditEventDTO(sequence: $0.id ?? 0, at: Date(timeIntervalSince1970: Double($0.atMillis) / 1000),
                          actorId: $0.actorID, actorName: $0.actorName, action: $0.action, entity: $0.entity,
                          entityId: $0.entityID, before: $0.before, after: $0.after,
                          previousHash: $0.previousHash, hash: $0.hash, requestId: $0.requestID)
        }, page: params.page, per: params.per, total: total)
    }

    @Sendable
    func verify(_ req: Request) async throws -> AuditVerificationDTO {
        let result = try await AuditVerifier.verify(on: req.db)
        return AuditVerificationDTO(intact: result.fault == nil, checked: result.checked,
                                    firstBrokenSequence: result.fault?.sequence,
                                    message: result.fault?.description ?? "审计链完整，共校验 \(result.checked) 条事件")
    }
}
