import Fluent
import RectifyCore
import Vapor

struct PersonDTO: Content, Equatable {
    var id: UUID
    var name: String
    var rank: CadreRank?
    var title: String?
    var organizationId: UUID?
    var version: Int
}

extension Person {
    func toDTO() throws -> PersonDTO {
        PersonDTO(id: try requireID(), name: name, rank: rank.flatMap(CadreRank.init(rawValue:)), title: title,
                  organizationId: organizationID, version: version)
    }
}

struct PersonResource: LedgerResource {
    typealias M = Person

    struct CreateInput: Decodable, Sendable {
        var name: String?
        var rank: CadreRank?
        var title: String?
        var organizationId: UUID?
    }

    struct UpdateInput: Decodable, Sendable, VersionedInput {
        var name: String?
        var rank: CadreRank?
        var title: String?
        var organizationId: UUID?
        var version: Int?
    }

    static let path = "people"
    static let entity = "person"
    static let label = "人员"
    static let readAccess = Access.everyone
    static let writeAccess = Access.ledgerWriters
    static let deletable = true
    static let filters: [ResourceFilter<Person>] = [
        .optionalUUID("organizationId", "所在单位", \.$organizationID),
        .optionalText("rank", "职级", \.$rank, allowed: CadreRank.allCases.map(\.rawValue)),
    ]
    static let sorts: [String: ResourceSort<Person>] = ["name": .field(\.$name)]
    static let defaultSort = ResourceSort<Person>.field(\.$name)
    static let schema = ResourceSchema(
        name: "Person",
        dto: [req("id", .uuid), req("name", .string, "姓名"), opt("rank", .enumeration(CadreRank.allCases.map(\.rawValue)), "职级"),
              opt("title", .string, "职务"), opt("organizationId", .uuid, "所在单位"), req("version", .integer)],
        create: [req("name", .string), opt("rank", .enumeration(CadreRank.allCases.map(\.rawValue))), opt("title", .string),
                 opt("organizationId", .uuid)],
        update: [opt("name", .string), opt("rank", .enumeration(CadreRank.allCases.map(\.rawValue))), opt("title", .string),
                 opt("organizationId", .uuid), opt("version", .integer)])

    /// People belong to their body: read and written within it only (`ScopeRule`).
    static func scope(_ query: QueryBuilder<Person>, _ access: AccessContext, on db: Database) async throws {
        try await ScopeRule.scopePeople(query, access, on: db)
    }

    /// Checked on the person as stored and as changed, so nobody is moved out of or into another body.
    static func authorizeWrite(_ model: Person, _ access: AccessContext, on db: Database) async throws {
        guard try await ScopeRule.reaches(unit: model.organizationID, access, on: db) else {
            throw RectifyError.forbidden("只能维护本单位的人员")
        }
    }

    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> Person {
        var v = FieldValidator()
        let name = v.text(input.name, field: "name", label: "姓名", max: 50)
        v.text(input.title, field: "title", label: "职务", required: false, max: 100)
        try v.check()
        _ = try await Lookup.organization(input.organizationId, field: "organizationId", on: db)
        try await ScopeRule.requireUnitOfCaller(input.organizationId, access, field: "organizationId", on: db)
        let person = Person()
        person.name = name!
        person.rank = input.rank?.rawValue
        person.title = input.title.nonBlank
        // An office's person without a unit belongs to its body.
        person.organizationID = input.organizationId ?? access.bodyID
        return person
    }

    static func apply(_ input: UpdateInput, to model: Person, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws {
        var v = FieldValidator()
        if input.name != nil, let name = v.text(input.name, field: "name", label: "姓名", max: 50) { model.name = name }
        try v.check()
        if let org = input.organizationId {
            _ = try await Lookup.organization(org, field: "organizationId", on: db)
            try await ScopeRule.requireUnitOfCaller(org, access, field: "organizationId", on: db)
            model.organizationID = org
        }
        if let rank = input.rank { model.rank = rank.rawValue }
        if let title = input.title { model.title = title.isEmpty ? nil : title }
    }

    static func beforeDelete(_ model: Person, on db: Database) async throws {
        let id = try model.requireID()
        let used = try await ProblemLeader.query(on: db).filter(\.$personID == id).count()
            + Measure.query(on: db).filter(\.$leaderID == id).count()
            + AccountabilityRecord.query(on: db).filter(\.$personID == id).count()
        if used > 0 {
            throw RectifyError.conflict(code: "in_use", message: "该人员已被整改事项或问责记录引用，不能删除")
        }
    }

    static func dtos(_ models: [Person], on db: Database) async throws -> [PersonDTO] { try models.map { try $0.toDTO() } }
    static func version(of model: Person) -> Int { model.version }
    static func setVersion(_ version: Int, of model: Person) { model.version = version }
}
