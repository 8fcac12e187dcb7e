import Fluent
import RectifyCore
import Vapor

struct PersonDTO: Content, Equatable {
    var id: UUID
    var name: String
    var rank: CadreRank?
    var title: String?
    var organizationId: UUID?
    var leftOn: Day?
    var departure: Departure?
    var version: Int
}

extension Person {
    func toDTO() throws -> PersonDTO {
        PersonDTO(id: try requireID(), name: name, rank: rank.flatMap(CadreRank.init(rawValue:)), title: title,
                  organizationId: organizationID, leftOn: leftOn.flatMap(Day.init(iso:)),
                  departure: departure.flatMap(Departure.init(rawValue:)), version: version)
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
        /// Marks the person as left on this day; an empty string marks them as serving again.
        var leftOn: String?
        var departure: Departure?
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
        ResourceFilter(name: "active", summary: "true 为在任人员，false 为已离任或调离的人员") { query, value in
            try ResourceFilter<Person>.check(value, "active", ["true", "false"])
            if value == "true" { query.filter(\.$leftOn == nil) } else { query.filter(\.$leftOn != nil) }
        },
    ]
    static let sorts: [String: ResourceSort<Person>] = ["name": .field(\.$name), "leftOn": .optional(\.$leftOn)]
    static let defaultSort = ResourceSort<Person>.field(\.$name)
    static let schema = ResourceSchema(
        name: "Person",
        dto: [req("id", .uuid), req("name", .string, "姓名"), opt("rank", .enumeration(CadreRank.allCases.map(\.rawValue)), "职级"),
              opt("title", .string, "职务"), opt("organizationId", .uuid, "所在单位"),
              opt("leftOn", .date, "离任（调离）日期，在任为空"), opt("departure", .enumeration(Departure.allCases.map(\.rawValue)), "离任或调离"),
              req("version", .integer)],
        create: [req("name", .string), opt("rank", .enumeration(CadreRank.allCases.map(\.rawValue))), opt("title", .string),
                 opt("organizationId", .uuid)],
        update: [opt("name", .string), opt("rank", .enumeration(CadreRank.allCases.map(\.rawValue))), opt("title", .string),
                 opt("organizationId", .uuid, "所在单位，限本单位（被巡察单位）内调整"),
                 opt("leftOn", .date, "标记离任（调离）的日期，不晚于当天；空字符串撤销标记"),
                 opt("departure", .enumeration(Departure.allCases.map(\.rawValue)), "离任或调离，标记离任时必填"),
                 opt("version", .integer)])

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
        if input.title != nil { v.text(input.title, field: "title", label: "职务", required: false, max: 100) }
        applyDeparture(input, to: model, today: access.today, &v)
        try v.check()
        if let org = input.organizationId {
            _ = try await Lookup.organization(org, field: "organizationId", on: db)
            try await ScopeRule.requireUnitOfCaller(org, access, field: "organizationId", on: db)
            try await requireSameBody(model.organizationID, org, on: db)
            model.organizationID = org
        }
        if let rank = input.rank { model.rank = rank.rawValue }
        if input.title != nil { model.title = input.title.nonBlank }
    }

    /// Marks the person as left on a day no later than today, and how; an empty day marks them as
    /// serving again. A person is never deleted for leaving: the measures they led keep their name.
    private static func applyDeparture(_ input: UpdateInput, to model: Person, today: Day, _ v: inout FieldValidator) {
        guard let text = input.leftOn else {
            guard let departure = input.departure else { return }
            if model.leftOn == nil {
                v.add("leftOn", "required", "离任（调离）日期不能为空")
            } else {
                model.departure = departure.rawValue
            }
            return
        }
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            if input.departure != nil { v.add("departure", "conflict", "撤销离任（调离）标记时不应填写离任或调离") }
            model.leftOn = nil
            model.departure = nil
            return
        }
        guard let day = v.day(text, field: "leftOn", label: "离任（调离）日期") else { return }
        if day > today { v.add("leftOn", "in_future", "离任（调离）日期不能晚于今天") }
        guard let departure = input.departure ?? model.departure.flatMap(Departure.init(rawValue:)) else {
            v.add("departure", "required", "请选择离任或调离")
            return
        }
        model.leftOn = day.iso
        model.departure = departure.rawValue
    }

    /// A person moves between the units of their body only, whoever moves them (an administrator
    /// reaches every body): the measures a person led stay with that body. Someone who goes to
    /// another body is marked as transferred here and entered there.
    private static func requireSameBody(_ current: UUID?, _ target: UUID, on db: Database) async throws {
        guard let current, current != target else { return }
        let roots = try await OrganizationTree.roots(of: [current, target], on: db)
        guard roots[current] == roots[target] else {
            throw RectifyError.invalid("organizationId", "other_body", "只能在本单位（被巡察单位）内调整所在单位；调往其他单位的，请标记为调离")
        }
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
