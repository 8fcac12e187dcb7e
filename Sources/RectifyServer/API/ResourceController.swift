import Fluent
import RectifyCore
import SQLKit
import Vapor

/// Registers the standard routes of a `LedgerResource` and implements them once for all.
struct ResourceController<R: LedgerResource>: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let read = RouteAccess.roles(R.readAccess)
        let write = RouteAccess.roles(R.writeAccess)
        let path = PathComponent(stringLiteral: R.path)
        routes.endpoint(.GET, path, access: read, use: list)
        routes.endpoint(.GET, path, ":id", access: read, use: get)
        routes.endpoint(.POST, path, access: R.publicCreate ? .anyone : .roles(R.createAccess), use: create)
        if R.updatable {
            routes.endpoint(.PATCH, path, ":id", access: write, use: update)
        }
        if R.deletable {
            routes.endpoint(.DELETE, path, ":id", access: write, use: delete)
        }
    }

    @Sendable
    func list(_ req: Request) async throws -> Page<R.DTO> {
        let access = try await req.access()
        let params = try ListParameters.from(req, cursor: R.rowList != nil)
        if let rows = R.rowList, let sql = req.db as? any SQLDatabase {
            return try await rows.page(req, access: access, params: params, on: sql)
        }
        let query = R.M.query(on: req.db)
        try await R.scope(query, access, on: req.db)
        for filter in R.filters {
            if let value = req.queryValue(filter.name), !value.isEmpty {
                try filter.apply(query, value)
            }
        }
        let sort = try ListParameters.sort(params, sorts: R.sorts, default: R.defaultSort)
        let direction: DatabaseQuery.Sort.Direction = params.descending ? .descending : .ascending
        sort.apply(query, direction)
        // Ties in the id's order along the sort's, as the row lists do (a keyset needs one direction).
        query.sort(\._$id, direction)
        let total = try await query.copy().count()
        let models = try await query.page(params).all()
        let items = try await R.redact(try await R.dtos(models, on: req.db), access, on: req.db)
        return Page(items: items, page: params.page, per: params.per, total: total)
    }

    @Sendable
    func get(_ req: Request) async throws -> Response {
        let access = try await req.access()
        let model = try await find(try idParameter(req), access: access, on: req.db)
        let dto = try await R.redact([try await R.dto(model, on: req.db)], access, on: req.db)[0]
        return try await respond(req, dto, version: R.version(of: model), status: .ok)
    }

    @Sendable
    func create(_ req: Request) async throws -> Response {
        var input = try req.content.decode(R.CreateInput.self)
        let isGuest = R.publicCreate && req.auth.get(User.self) == nil
        let access = isGuest ? AccessContext.guest(now: req.application.clock.now()) : try await req.access()
        if isGuest {
            let prepared = try await R.prepareAnonymous(input, on: req.db)
            try await AnonymousWriteLimit.admit(req, round: prepared.round)
            input = prepared.input
        }
        let (dto, version) = try await Self.create(input, access: access, on: req)
        return try await respond(req, try await R.redact([dto], access, on: req.db)[0], version: version, status: .created)
    }

    @Sendable
    func update(_ req: Request) async throws -> Response {
        let input = try req.content.decode(R.UpdateInput.self)
        let expected = try expectedVersion(req, input)
        let access = try await req.access()
        let id = try idParameter(req)
        let (dto, version) = try await Self.update(id, with: input, expected: expected, access: access, on: req)
        return try await respond(req, try await R.redact([dto], access, on: req.db)[0], version: version, status: .ok)
    }

    @Sendable
    func delete(_ req: Request) async throws -> HTTPStatus {
        let access = try await req.access()
        let id = try idParameter(req)
        let expected = try expectedVersion(req, Optional<NoUpdate>.none)
        try await req.write { db, audit in
            let model = try await find(id, access: access, on: db)
            try await R.authorizeWrite(model, access, on: db)
            let current = R.version(of: model)
            guard current == expected else { throw RectifyError.staleVersion(current: current) }
            let before = try await R.dto(model, on: db)
            try await R.beforeDelete(model, on: db)
            try await model.delete(on: db)
            try await audit.record("delete", entity: R.entity, id: id.uuidString, before: before, after: Optional<R.DTO>.none)
        }
        return .noContent
    }

    // MARK: - Writes, shared by the API and the pages

    /// Creates through the resource's validation, in one transaction with its audit event. What the
    /// resource can read before the write runs first, outside the lock every writer waits for.
    static func create(_ input: R.CreateInput, access: AccessContext, on req: Request) async throws -> (R.DTO, Int) {
        try WriteBodyGuard.check(input, R.schema.create)
        let input = try await R.prepare(input, access, on: req.db)
        return try await req.write { db, audit in
            let (model, dto) = try await createRecorded(input, access: access, in: db, audit: audit)
            return (dto, R.version(of: model))
        }
    }

    /// The create itself, inside a transaction the caller holds (a page that writes more with it).
    static func create(_ input: R.CreateInput, access: AccessContext, in db: Database, audit: AuditTrail) async throws -> R.M {
        try WriteBodyGuard.check(input, R.schema.create)
        return try await createRecorded(input, access: access, in: db, audit: audit).model
    }

    /// The create and the DTO its audit event records, which is also the response: nothing changes
    /// after the event in the transaction, so the DTO is read once.
    private static func createRecorded(_ input: R.CreateInput, access: AccessContext, in db: Database,
                                       audit: AuditTrail) async throws -> (model: R.M, dto: R.DTO) {
        let model = try await R.make(input, access, on: db, audit: audit)
        try await R.authorizeWrite(model, access, on: db)
        R.setVersion(1, of: model)
        try await model.create(on: db)
        try await R.afterCreate(model, input, on: db, audit: audit)
        let dto = try await R.createdDTO(model, on: db)
        try await audit.record("create", entity: R.entity, id: try model.requireID().uuidString, after: dto)
        return (model, dto)
    }

    /// Updates a visible row if it is still at `expected`, in one transaction with its audit event.
    static func update(_ id: UUID, with input: R.UpdateInput, expected: Int, access: AccessContext, on req: Request) async throws
        -> (R.DTO, Int) {
        try WriteBodyGuard.check(input, R.schema.update)
        return try await req.write { db, audit in
            let query = R.M.query(on: db).filter(\._$id == id)
            try await R.scope(query, access, on: db)
            guard let model = try await query.first() else { throw RectifyError.notFound(R.label) }
            try await R.authorizeWrite(model, access, on: db)
            let current = R.version(of: model)
            guard current == expected else { throw RectifyError.staleVersion(current: current) }
            let before = try await R.dto(model, on: db)
            try await R.apply(input, to: model, access, on: db, audit: audit)
            // Authorized again as it will be stored: a change may not carry the row out of the
            // caller's reach (a unit moved under another body).
            try await R.authorizeWrite(model, access, on: db)
            R.setVersion(current + 1, of: model)
            try await model.save(on: db)
            try await R.afterUpdate(model, input, on: db, audit: audit)
            let after = try await R.dto(model, on: db)
            try await audit.record("update", entity: R.entity, id: id.uuidString, before: before, after: after)
            return (after, current + 1)
        }
    }

    // MARK: - Helpers

    private func idParameter(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound(R.label) }
        return id
    }

    /// Loads a row the user may see; a row outside the user's scope is reported as not found,
    /// so ids of other units' items reveal nothing.
    private func find(_ id: UUID, access: AccessContext, on db: Database) async throws -> R.M {
        let query = R.M.query(on: db).filter(\._$id == id)
        try await R.scope(query, access, on: db)
        guard let model = try await query.first() else { throw RectifyError.notFound(R.label) }
        return model
    }

    private func expectedVersion<I: VersionedInput>(_ req: Request, _ input: I?) throws -> Int {
        try req.expectedVersion(input?.version)
    }

    private func respond(_ req: Request, _ dto: R.DTO, version: Int, status: HTTPStatus) async throws -> Response {
        let response = Response(status: status)
        try response.content.encode(dto, as: .json)
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(version)\"")
        return response
    }
}

extension QueryBuilder {
    /// One page of the list: `per` rows after the pages before it (FluentKit's `range(lower:upper:)`
    /// includes its upper bound, one row too many).
    func page(_ params: ListParameters) -> Self {
        offset((params.page - 1) * params.per).limit(params.per)
    }
}

extension Request {
    /// The version a write is based on: `If-Match` (the ETag), else the body's `version`; 428 when neither.
    func expectedVersion(_ bodyVersion: Int?) throws -> Int {
        if let header = headers.first(name: .ifMatch) {
            let digits = header.replacingOccurrences(of: "W/", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            guard let version = Int(digits) else {
                throw RectifyError.badRequest(code: "invalid_if_match", message: "If-Match 请求头应为记录的 ETag，如 \"3\"")
            }
            return version
        }
        if let version = bodyVersion { return version }
        throw RectifyError.versionRequired
    }
}
