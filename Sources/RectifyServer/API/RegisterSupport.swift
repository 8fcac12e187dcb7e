import Fluent
import RectifyCore
import Vapor

/// What the register resources (accountability, regulations, meetings, recovered funds) share:
/// links to problems, and correction by a new entry that supersedes the old one.
protocol RegisterModel: Model where IDValue == UUID {
    var inspectionID: UUID { get }
    var supersedesID: UUID? { get set }
    var superseded: Bool { get set }
}

extension AccountabilityRecord: RegisterModel {}
extension Regulation: RegisterModel {}
extension Meeting: RegisterModel {}
extension RecoveredFund: RegisterModel {}

enum RegisterSupport {
    static func scope<M: RegisterModel>(_ query: QueryBuilder<M>, _ access: AccessContext) {
        if let ids = access.inspectionIDs {
            query.filter(.path([FieldKey("inspection_id")], schema: M.schema), .subset(inverse: false),
                         .array(ids.map { .bind($0) }))
        }
    }

    /// Marks the entry a new one corrects as superseded, in the same transaction.
    static func supersede<M: RegisterModel>(_ type: M.Type, _ id: UUID?, by entry: M, entity: String, label: String,
                                            on db: Database, audit: AuditTrail) async throws {
        guard let id else { return }
        guard let old = try await M.find(id, on: db), old.inspectionID == entry.inspectionID else {
            throw RectifyError.invalid("supersedesId", "unknown_reference", "要更正的\(label)不存在或不属于该巡察轮次")
        }
        guard !old.superseded else {
            throw RectifyError.conflict(code: "already_superseded", message: "该\(label)已被更正过，请更正最新的一条")
        }
        old.superseded = true
        try await old.save(on: db)
        try await audit.record("supersede", entity: entity, id: id.uuidString, before: ["superseded": false],
                               after: ["superseded": .bool(true), "supersededBy": .string(entry.id?.uuidString ?? "")] as [String: AnyCodableValue])
    }

    static func link(_ register: String, record: UUID, problems: [UUID], on db: Database) async throws {
        var seen = Set<UUID>()
        for problem in problems where seen.insert(problem).inserted {
            try await RegisterLink(register: register, recordID: record, problemID: problem).create(on: db)
        }
    }

    static func links(_ register: String, records: [UUID], on db: Database) async throws -> [UUID: [UUID]] {
        guard !records.isEmpty else { return [:] }
        var map: [UUID: [UUID]] = [:]
        for link in try await RegisterLink.query(on: db).filter(\.$register == register).filter(\.$recordID ~~ records)
            .sort(\.$id).all() {
            map[link.recordID, default: []].append(link.problemID)
        }
        return map
    }

    /// `?problemId=` on a register: entries linked to the problem.
    static func problemFilter<M: RegisterModel>(_ register: String) -> ResourceFilter<M> {
        ResourceFilter(name: "problemId", summary: "关联问题") { query, value in
            let id = try ResourceFilter<M>.parseUUID(value, "problemId")
            query.join(RegisterLink.self, on: \RegisterLink.$recordID == \M._$id)
                .filter(RegisterLink.self, \.$problemID == id)
                .filter(RegisterLink.self, \.$register == register)
        }
    }

    static func supersededFilter<M: RegisterModel>() -> ResourceFilter<M> {
        ResourceFilter(name: "superseded", summary: "是否已被更正（true / false）") { query, value in
            guard value == "true" || value == "false" else {
                throw RectifyError.invalid("superseded", "invalid_value", "参数 superseded 应为 true 或 false")
            }
            query.filter(.path([FieldKey("superseded")], schema: M.schema), .equal, .bind(value == "true"))
        }
    }
}

/// A small JSON value for audit payloads that mix strings and booleans.
enum AnyCodableValue: Encodable, Sendable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    case string(String)
    case bool(Bool)
    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .bool(let b): try c.encode(b)
        }
    }
}
