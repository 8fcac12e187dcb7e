import Fluent
import RectifyCore
import SQLKit
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

    /// Read as rows (SQL text, each row straight into its DTO): decoding the page through `AuditEvent`
    /// models was a quarter of the list's CPU. Prepared on PostgreSQL (`HotSQL`).
    @Sendable
    func list(_ req: Request) async throws -> Page<AuditEventDTO> {
        let params = try ListParameters.from(req)
        var conditions: [SQLQueryString] = []
        for (name, column) in [("entity", "entity"), ("entityId", "entity_id"), ("actorId", "actor_id"), ("requestId", "request_id")] {
            if let value = req.queryValue(name), !value.isEmpty { conditions.append("\(unsafeRaw: column) = \(bind: value)") }
        }
        let matching: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let order = req.queryValue("order") == "asc" ? "ASC" : "DESC"
        let sql = try req.db.sql
        // The whole log is numbered from 1 without gaps (`audit verify` checks it), so its size is
        // the head's sequence number; counting it would take longer the longer it grows.
        let total = conditions.isEmpty ? Int(try await AuditHead.read(.seq, on: req.db))
            : try await sql.hot("SELECT COUNT(*) AS n FROM audit_events" + matching).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.hot("""
            SELECT seq, at_ms, actor_id, actor_name, "action", entity, entity_id, "before", "after", prev_hash, hash, request_id \
            FROM audit_events
            """ + matching + " ORDER BY seq \(unsafeRaw: order) LIMIT \(bind: params.per) OFFSET \(bind: (params.page - 1) * params.per)").all()
        let items = try rows.map { row in
            AuditEventDTO(sequence: try row.decode(column: "seq", as: Int64.self),
                          at: Date(timeIntervalSince1970: Double(try row.decode(column: "at_ms", as: Int64.self)) / 1000),
                          actorId: try row.decode(column: "actor_id", as: String?.self), actorName: try row.decode(column: "actor_name", as: String.self),
                          action: try row.decode(column: "action", as: String.self), entity: try row.decode(column: "entity", as: String.self),
                          entityId: try row.decode(column: "entity_id", as: String.self), before: try row.decode(column: "before", as: String?.self),
                          after: try row.decode(column: "after", as: String?.self), previousHash: try row.decode(column: "prev_hash", as: String.self),
                          hash: try row.decode(column: "hash", as: String.self), requestId: try row.decode(column: "request_id", as: String?.self))
        }
        return Page(items: items, page: params.page, per: params.per, total: total)
    }

    @Sendable
    func verify(_ req: Request) async throws -> AuditVerificationDTO {
        let result = try await AuditVerifier.verify(on: req.db)
        return AuditVerificationDTO(intact: result.fault == nil, checked: result.checked,
                                    firstBrokenSequence: result.fault?.sequence,
                                    message: result.fault?.description ?? "审计链完整，共校验 \(result.checked) 条事件")
    }
}
