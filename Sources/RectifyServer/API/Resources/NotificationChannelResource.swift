import Fluent
import RectifyCore
import Vapor

struct NotificationChannelDTO: Content, Equatable {
    var id: UUID
    var name: String
    var kind: NotificationChannelKind
    var kindLabel: String
    var target: String
    var inspectionId: UUID?
    var active: Bool
    var version: Int
}

/// Notification channels (administrators): mailboxes and webhooks that receive reminder notices.
struct NotificationChannelResource: LedgerResource {
    typealias M = NotificationChannel

    struct CreateInput: Decodable, Sendable {
        var name: String?
        var kind: NotificationChannelKind?
        var target: String?
        var inspectionId: UUID?
        var active: Bool?
    }

    struct UpdateInput: Decodable, Sendable, VersionedInput {
        var name: String?
        var target: String?
        var active: Bool?
        var version: Int?
    }

    static let path = "notification-channels"
    static let entity = "notification_channel"
    static let label = "通知渠道"
    static let readAccess = Access.admins
    static let writeAccess = Access.admins
    static let filters: [ResourceFilter<NotificationChannel>] = [
        .text("kind", "渠道类型", \.$kind, allowed: NotificationChannelKind.allCases.map(\.rawValue)),
    ]
    static let sorts: [String: ResourceSort<NotificationChannel>] = ["name": .field(\.$name)]
    static let defaultSort = ResourceSort<NotificationChannel>.field(\.$name)
    static let schema = ResourceSchema(
        name: "NotificationChannel",
        dto: [req("id", .uuid), req("name", .string), req("kind", .enumeration(NotificationChannelKind.allCases.map(\.rawValue))),
              req("kindLabel", .string), req("target", .string, "邮件地址（逗号分隔）或 Webhook 地址"), opt("inspectionId", .uuid, "仅推送该轮次"),
              req("active", .boolean), req("version", .integer)],
        create: [req("name", .string), req("kind", .enumeration(NotificationChannelKind.allCases.map(\.rawValue))),
                 req("target", .string), opt("inspectionId", .uuid), opt("active", .boolean)],
        update: [opt("name", .string), opt("target", .string), opt("active", .boolean), opt("version", .integer)])

    static func scope(_ query: QueryBuilder<NotificationChannel>, _ access: AccessContext, on db: Database) async throws {}
    static func authorizeWrite(_ model: NotificationChannel, _ access: AccessContext, on db: Database) async throws {}

    static func checkTarget(_ target: String, kind: NotificationChannelKind, _ v: inout FieldValidator) {
        if kind == .email {
            let addresses = target.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if addresses.isEmpty || addresses.contains(where: { $0.range(of: #"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$"#, options: .regularExpression) == nil }) {
                v.add("target", "invalid_email", "请填写有效的邮件地址，多个地址以逗号分隔")
            }
        } else if let url = URL(string: target), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil {
            return
        } else {
            v.add("target", "invalid_url", "请填写以 http:// 或 https:// 开头的 Webhook 地址")
        }
    }

    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> NotificationChannel {
        var v = FieldValidator()
        let name = v.text(input.name, field: "name", label: "渠道名称", max: 100)
        let target = v.text(input.target, field: "target", label: "接收地址", max: 1000)
        if input.kind == nil { v.add("kind", "required", "渠道类型不能为空") }
        if let target, let kind = input.kind { checkTarget(target, kind: kind, &v) }
        try v.check()
        if let id = input.inspectionId { _ = try await Lookup.inspection(id, field: "inspectionId", access: access, on: db) }
        let c = NotificationChannel()
        c.name = name!
        c.kind = input.kind!.rawValue
        c.target = target!
        c.inspectionID = input.inspectionId
        c.active = input.active ?? true
        return c
    }

    static func apply(_ input: UpdateInput, to c: NotificationChannel, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws {
        var v = FieldValidator()
        if input.name != nil, let n = v.text(input.name, field: "name", label: "渠道名称", max: 100) { c.name = n }
        if input.target != nil, let t = v.text(input.target, field: "target", label: "接收地址", max: 1000) {
            checkTarget(t, kind: NotificationChannelKind(rawValue: c.kind) ?? .webhook, &v)
            c.target = t
        }
        try v.check()
        if let active = input.active { c.active = active }
    }

    static func dtos(_ models: [NotificationChannel], on db: Database) async throws -> [NotificationChannelDTO] {
        try models.map { c in
            let kind = NotificationChannelKind(rawValue: c.kind) ?? .webhook
            return NotificationChannelDTO(id: try c.requireID(), name: c.name, kind: kind, kindLabel: kind.label, target: c.target,
                                          inspectionId: c.inspectionID, active: c.active, version: c.version)
        }
    }

    static func version(of model: NotificationChannel) -> Int { model.version }
    static func setVersion(_ version: Int, of model: NotificationChannel) { model.version = version }
}
