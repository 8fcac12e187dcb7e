import Fluent
import RectifyCore
import Vapor

struct OutboxMessageDTO: Content {
    var id: UUID
    var channelId: UUID
    var subject: String
    var state: OutboxState
    var stateLabel: String
    var attempts: Int
    var nextAttemptAt: Date
    var lastError: String?
    var sentAt: Date?
    var createdAt: Date?
}

/// The notification outbox for administrators: pending, sent and dead-lettered messages, and a retry.
struct OutboxController: RouteCollection {
    static let messageSchema: SchemaType = .object([
        req("id", .uuid), req("channelId", .uuid), req("subject", .string),
        req("state", .enumeration(OutboxState.allCases.map(\.rawValue))), req("stateLabel", .string), req("attempts", .integer),
        req("nextAttemptAt", .dateTime), opt("lastError", .string), opt("sentAt", .dateTime), opt("createdAt", .dateTime)])

    static let operations: [APIOperation] = [
        APIOperation(method: "GET", path: "/outbox", summary: "通知发送队列（含发送失败的死信）", access: .roles(Access.admins),
                     request: nil, response: .object([req("items", .array(messageSchema)), req("page", .integer),
                                                      req("per", .integer), req("total", .integer)]), status: 200,
                     query: [("page", "页码"), ("per", "每页条数"), ("state", "pending / sent / dead")]),
        APIOperation(method: "POST", path: "/outbox/{id}/retry", summary: "重新发送", access: .roles(Access.admins),
                     request: nil, response: messageSchema, status: 200),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "outbox", access: .roles(Access.admins), use: list)
        routes.endpoint(.POST, "outbox", ":id", "retry", access: .roles(Access.admins), use: retry)
    }

    static func dto(_ m: OutboxMessage) throws -> OutboxMessageDTO {
        let state = OutboxState(rawValue: m.state) ?? .pending
        return OutboxMessageDTO(id: try m.requireID(), channelId: m.channelID, subject: m.subject, state: state,
                                stateLabel: state.label, attempts: m.attempts,
                                nextAttemptAt: Date(timeIntervalSince1970: Double(m.nextAttemptAtMillis) / 1000),
                                lastError: m.lastError, sentAt: m.sentAt, createdAt: m.createdAt)
    }

    @Sendable
    func list(_ req: Request) async throws -> Page<OutboxMessageDTO> {
        let params = try ListParameters.from(req)
        let query = OutboxMessage.query(on: req.db)
        if let state = req.query[String.self, at: "state"].nonBlank {
            guard OutboxState(rawValue: state) != nil else {
                throw RectifyError.invalid("state", "invalid_value", "参数 state 应为 pending、sent 或 dead")
            }
            query.filter(\.$state == state)
        }
        query.sort(\.$createdAt, .descending).sort(\.$id)
        let total = try await query.copy().count()
        let rows = try await query.page(params).all()
        return Page(items: try rows.map(Self.dto), page: params.page, per: params.per, total: total)
    }

    @Sendable
    func retry(_ req: Request) async throws -> OutboxMessageDTO {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound("通知") }
        let now = req.application.clock.now()
        return try await req.write { db, audit in
            guard let message = try await OutboxMessage.find(id, on: db) else { throw RectifyError.notFound("通知") }
            guard message.state != OutboxState.sent.rawValue else {
                throw RectifyError.conflict(code: "already_sent", message: "该通知已发送成功")
            }
            message.state = OutboxState.pending.rawValue
            message.attempts = 0
            message.nextAttemptAtMillis = Int64(now.timeIntervalSince1970 * 1000)
            try await message.save(on: db)
            try await audit.record("retry", entity: "outbox_message", id: id.uuidString, after: ["state": message.state])
            return try Self.dto(message)
        }
    }
}
