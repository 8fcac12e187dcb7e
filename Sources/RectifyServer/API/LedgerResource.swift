import Fluent
import RectifyCore
import SQLKit
import Vapor

/// A filter a list accepts as a query parameter: `apply` narrows a Fluent query, `condition` is the
/// same test as SQL on the resource's table for lists read straight into rows (`RowList`); a filter
/// without one keeps its resource on the Fluent path.
struct ResourceFilter<M: Model>: Sendable {
    let name: String
    let summary: String
    let apply: @Sendable (QueryBuilder<M>, String) throws -> Void
    var condition: (@Sendable (_ value: String, _ postgres: Bool) throws -> SQLQueryString)? = nil

    /// The column of a field, qualified by the model's table as the row lists write it.
    static func column<P: AnyQueryableProperty>(_ key: KeyPath<M, P>) -> String {
        M.schema + "." + M.path(for: key).map(\.description).joined(separator: "_")
    }

    /// `?name=<uuid>` on a UUID column.
    static func uuid(_ name: String, _ summary: String, _ key: KeyPath<M, FieldProperty<M, UUID>>) -> Self where M: Sendable {
        let column = Self.column(key)
        return Self(name: name, summary: summary, apply: { query, value in
            query.filter(key == (try Self.parseUUID(value, name)))
        }, condition: { value, _ in "\(unsafeRaw: column) = \(bind: try Self.parseUUID(value, name))" })
    }

    static func optionalUUID(_ name: String, _ summary: String, _ key: KeyPath<M, OptionalFieldProperty<M, UUID>>) -> Self {
        let column = Self.column(key)
        return Self(name: name, summary: summary, apply: { query, value in
            query.filter(key == (try Self.parseUUID(value, name)))
        }, condition: { value, _ in "\(unsafeRaw: column) = \(bind: try Self.parseUUID(value, name))" })
    }

    /// `?name=<value>` on a text column, with the allowed values when it is an enumeration.
    static func text(_ name: String, _ summary: String, _ key: KeyPath<M, FieldProperty<M, String>>, allowed: [String]? = nil) -> Self {
        let column = Self.column(key)
        return Self(name: name, summary: summary, apply: { query, value in
            try Self.check(value, name, allowed)
            query.filter(key == value)
        }, condition: { value, _ in
            try Self.check(value, name, allowed)
            return "\(unsafeRaw: column) = \(bind: value)"
        })
    }

    static func optionalText(_ name: String, _ summary: String, _ key: KeyPath<M, OptionalFieldProperty<M, String>>, allowed: [String]? = nil) -> Self {
        let column = Self.column(key)
        return Self(name: name, summary: summary, apply: { query, value in
            try Self.check(value, name, allowed)
            query.filter(key == value)
        }, condition: { value, _ in
            try Self.check(value, name, allowed)
            return "\(unsafeRaw: column) = \(bind: value)"
        })
    }

    /// `?name=YYYY-MM-DD`: rows whose date column is on or before the day.
    static func dayOnOrBefore(_ name: String, _ summary: String, _ key: KeyPath<M, OptionalFieldProperty<M, String>>) -> Self {
        let column = Self.column(key)
        return Self(name: name, summary: summary, apply: { query, value in
            query.filter(key <= (try Self.parseDay(value, name)).iso)
        }, condition: { value, _ in "\(unsafeRaw: column) <= \(bind: try Self.parseDay(value, name).iso)" })
    }

    static func parseDay(_ value: String, _ name: String) throws -> Day {
        guard let day = Day(iso: value) else {
            throw RectifyError.invalid(name, "invalid_date", "参数 \(name) 应为日期 YYYY-MM-DD")
        }
        return day
    }

    static func parseUUID(_ value: String, _ name: String) throws -> UUID {
        guard let id = UUID(uuidString: value) else {
            throw RectifyError.invalid(name, "invalid_id", "参数 \(name) 应为有效的编号（UUID）")
        }
        return id
    }

    static func check(_ value: String, _ name: String, _ allowed: [String]?) throws {
        if let allowed, !allowed.contains(value) {
            throw RectifyError.invalid(name, "invalid_value", "参数 \(name) 的取值应为：\(allowed.joined(separator: "、"))")
        }
    }
}

/// A column a list may be sorted by (`?sort=name` or `?sort=-name`). `columns` are the same order
/// for lists read as rows; `nullable` marks a column whose empty values sort where each database
/// puts them, which a keyset cursor (`after=`) cannot step over.
struct ResourceSort<M: Model>: Sendable {
    let apply: @Sendable (QueryBuilder<M>, DatabaseQuery.Sort.Direction) -> Void
    var columns: [String] = []
    var nullable = false

    static func field<V: Codable & Sendable>(_ key: KeyPath<M, FieldProperty<M, V>>) -> Self {
        Self(apply: { query, direction in query.sort(key, direction) }, columns: [ResourceFilter<M>.column(key)])
    }

    static func optional<V: Codable & Sendable>(_ key: KeyPath<M, OptionalFieldProperty<M, V>>) -> Self {
        Self(apply: { query, direction in query.sort(key, direction) }, columns: [ResourceFilter<M>.column(key)], nullable: true)
    }

    static func timestamp(_ key: KeyPath<M, TimestampProperty<M, DefaultTimestampFormat>>) -> Self {
        Self(apply: { query, direction in query.sort(key, direction) }, columns: [ResourceFilter<M>.column(key)], nullable: true)
    }

    /// Several non-null fields in turn (a problem's source then number).
    static func fields(_ keys: [FieldKey]) -> Self {
        Self(apply: { query, direction in
            for key in keys { query.sort(key, direction) }
        }, columns: keys.map { M.schema + "." + $0.description })
    }
}

/// Input that carries the version it was based on (the alternative to `If-Match`).
protocol VersionedInput {
    var version: Int? { get }
}

/// A ledger entity exposed under `/api/v1/<path>`: list, get, create, and where legitimate update
/// and delete. The controller supplies paging, optimistic concurrency, audit and error handling;
/// a resource supplies its fields, validation, visibility and DTO.
protocol LedgerResource: Sendable {
    associatedtype M: Model where M.IDValue == UUID
    associatedtype DTO: Content
    associatedtype CreateInput: Decodable & Sendable
    associatedtype UpdateInput: Decodable & Sendable & VersionedInput

    static var path: String { get }
    static var entity: String { get }
    /// The Chinese noun used in messages (问题, 整改措施…).
    static var label: String { get }
    static var readAccess: Set<Role> { get }
    static var writeAccess: Set<Role> { get }
    /// Who may create; by default the writers. Narrower where others only update (notices are
    /// issued by the office but answered by the units).
    static var createAccess: Set<Role> { get }
    /// Registers and close-out records are corrected by a new entry, not edited.
    static var updatable: Bool { get }
    static var deletable: Bool { get }
    /// Whether anyone, signed in or not, may create (public feedback).
    static var publicCreate: Bool { get }
    static var filters: [ResourceFilter<M>] { get }
    static var sorts: [String: ResourceSort<M>] { get }
    static var defaultSort: ResourceSort<M> { get }
    static var schema: ResourceSchema { get }
    /// The list read straight into DTOs (and paged by `after=` too); nil: through Fluent models.
    static var rowList: RowList<Self>? { get }

    static func scope(_ query: QueryBuilder<M>, _ access: AccessContext, on db: Database) async throws
    static func authorizeWrite(_ model: M, _ access: AccessContext, on db: Database) async throws
    /// Reads a create can do before its write transaction: while a write holds the ledger, every
    /// other writer waits. The write must confirm under the lock what was read, and read it again if
    /// it changed meanwhile. By default nothing is prepared.
    static func prepare(_ input: CreateInput, _ access: AccessContext, on db: Database) async throws -> CreateInput
    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> M
    /// The published round an anonymous create (`publicCreate`) is about, counted by
    /// `AnonymousWriteLimit`, and the input with what was found for it; a create naming none is refused
    /// before anything is counted or written.
    static func prepareAnonymous(_ input: CreateInput, on db: Database) async throws -> (input: CreateInput, round: UUID)
    static func afterCreate(_ model: M, _ input: CreateInput, on db: Database, audit: AuditTrail) async throws
    static func apply(_ input: UpdateInput, to model: M, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws
    static func afterUpdate(_ model: M, _ input: UpdateInput, on db: Database, audit: AuditTrail) async throws
    static func beforeDelete(_ model: M, on db: Database) async throws
    static func dtos(_ models: [M], on db: Database) async throws -> [DTO]
    /// What of each row the user may see, applied to every answer (lists, reads and the rows a write
    /// returns); the audit log keeps the whole row. By default the whole row.
    static func redact(_ dtos: [DTO], _ access: AccessContext, on db: Database) async throws -> [DTO]
    /// The DTO of a row created in this transaction, which may need fewer reads than `dto`.
    static func createdDTO(_ model: M, on db: Database) async throws -> DTO
    static func version(of model: M) -> Int
    static func setVersion(_ version: Int, of model: M)
}

extension LedgerResource {
    static var rowList: RowList<Self>? { nil }
    static var updatable: Bool { true }
    static var deletable: Bool { false }
    static var publicCreate: Bool { false }
    static var createAccess: Set<Role> { writeAccess }
    static func prepare(_ input: CreateInput, _ access: AccessContext, on db: Database) async throws -> CreateInput { input }
    static func afterCreate(_ model: M, _ input: CreateInput, on db: Database, audit: AuditTrail) async throws {}
    static func afterUpdate(_ model: M, _ input: UpdateInput, on db: Database, audit: AuditTrail) async throws {}
    static func beforeDelete(_ model: M, on db: Database) async throws {}
    static func prepareAnonymous(_ input: CreateInput, on db: Database) async throws -> (input: CreateInput, round: UUID) {
        throw RectifyError.unauthenticated
    }
    static func version(of model: M) -> Int { 1 }
    static func redact(_ dtos: [DTO], _ access: AccessContext, on db: Database) async throws -> [DTO] { dtos }
    static func setVersion(_ version: Int, of model: M) {}

    static func dto(_ model: M, on db: Database) async throws -> DTO {
        try await dtos([model], on: db)[0]
    }

    static func createdDTO(_ model: M, on db: Database) async throws -> DTO {
        try await dto(model, on: db)
    }
}

/// Input for append-only entities, which have no update.
struct NoUpdate: Decodable, Sendable, VersionedInput {
    var version: Int? { nil }
}

extension LedgerResource where UpdateInput == NoUpdate {
    static func apply(_ input: NoUpdate, to model: M, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws {
        throw RectifyError.conflict(code: "append_only", message: "\(label)不能修改，如需更正请新增一条记录")
    }
}
