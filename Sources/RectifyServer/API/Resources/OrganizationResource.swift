import Fluent
import RectifyCore
import Vapor

struct OrganizationDTO: Content, Equatable {
    var id: UUID
    var parentId: UUID?
    var name: String
    var shortName: String?
    var kind: OrganizationKind
    var sector: BodySector?
    var sortOrder: Int
    var version: Int
}

extension Organization {
    func toDTO() throws -> OrganizationDTO {
        OrganizationDTO(id: try requireID(), parentId: parentID, name: name, shortName: shortName,
                        kind: OrganizationKind(rawValue: kind) ?? .department,
                        sector: sector.flatMap(BodySector.init(rawValue:)), sortOrder: sortOrder, version: version)
    }
}

struct OrganizationResource: LedgerResource {
    typealias M = Organization

    struct CreateInput: Decodable, Sendable {
        var parentId: UUID?
        var name: String?
        var shortName: String?
        var kind: OrganizationKind?
        var sector: BodySector?
        var sortOrder: Int?
    }

    struct UpdateInput: Decodable, Sendable, VersionedInput {
        var parentId: UUID?
        var name: String?
        var shortName: String?
        var kind: OrganizationKind?
        /// A sector key, or "" to clear it.
        var sector: String?
        var sortOrder: Int?
        var version: Int?
    }

    static let path = "organizations"
    static let entity = "organization"
    static let label = "单位"
    static let readAccess = Access.everyone
    static let writeAccess = Access.admins.union([.office])
    static let deletable = true
    static let filters: [ResourceFilter<Organization>] = [
        .optionalUUID("parentId", "上级单位", \.$parentID),
        .text("kind", "单位类型", \.$kind, allowed: OrganizationKind.allCases.map(\.rawValue)),
        .optionalText("sector", "所属领域（被巡察单位）", \.$sector, allowed: BodySector.allCases.map(\.rawValue)),
    ]
    static let sorts: [String: ResourceSort<Organization>] = [
        "name": .field(\.$name), "sortOrder": .field(\.$sortOrder),
    ]
    static let defaultSort = ResourceSort<Organization>.field(\.$sortOrder)
    static let schema = ResourceSchema(
        name: "Organization",
        dto: [req("id", .uuid), opt("parentId", .uuid, "上级单位"), req("name", .string, "名称"),
              opt("shortName", .string, "简称"), req("kind", .enumeration(OrganizationKind.allCases.map(\.rawValue)), "类型"),
              opt("sector", .enumeration(BodySector.allCases.map(\.rawValue)), "所属领域（被巡察单位）"), req("sortOrder", .integer), req("version", .integer)],
        create: [opt("parentId", .uuid), req("name", .string), opt("shortName", .string),
                 req("kind", .enumeration(OrganizationKind.allCases.map(\.rawValue))), opt("sector", .enumeration(BodySector.allCases.map(\.rawValue)), "管理员设置"),
                 opt("sortOrder", .integer)],
        update: [opt("parentId", .uuid), opt("name", .string), opt("shortName", .string),
                 opt("kind", .enumeration(OrganizationKind.allCases.map(\.rawValue))),
                 opt("sector", .string, "所属领域代码，空字符串清除；管理员设置"), opt("sortOrder", .integer),
                 opt("version", .integer, "所依据的版本（或用 If-Match）")])

    /// A body's units are its own: read within the body only (`ScopeRule`).
    static func scope(_ query: QueryBuilder<Organization>, _ access: AccessContext, on db: Database) async throws {
        try await ScopeRule.scopeUnits(query, access, on: db)
    }

    /// An office manages the units below its body's top; the top itself it may rename but not move,
    /// and it cannot make a new top. Checked before and after a change (`ResourceController.update`),
    /// so a unit cannot be moved out of the body.
    static func authorizeWrite(_ model: Organization, _ access: AccessContext, on db: Database) async throws {
        guard access.role != .admin else { return }
        guard access.bodyID != nil else { throw RectifyError.forbidden("当前账号未指定所在单位，不能维护组织机构") }
        let isTop = model.id != nil && model.id == access.bodyID
        if try await isTop ? model.parentID != nil : !ScopeRule.reaches(unit: model.parentID, access, on: db) {
            throw RectifyError.forbidden("只能维护本单位的组织机构")
        }
    }

    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> Organization {
        var v = FieldValidator()
        let name = v.text(input.name, field: "name", label: "单位名称", max: 200)
        if input.kind == nil { v.add("kind", "required", "单位类型不能为空") }
        try v.check()
        _ = try await Lookup.organization(input.parentId, field: "parentId", on: db)
        try await ScopeRule.requireUnitOfCaller(input.parentId, access, field: "parentId", on: db)
        let org = Organization()
        org.parentID = input.parentId
        org.name = name!
        org.shortName = input.shortName.nonBlank
        org.kind = input.kind!.rawValue
        org.sortOrder = input.sortOrder ?? 0
        if let sector = input.sector {
            try Self.requireSectorSetter(access)
            org.sector = sector.rawValue
            try Self.checkSectorHolder(org)
        }
        return org
    }

    static func apply(_ input: UpdateInput, to model: Organization, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws {
        var v = FieldValidator()
        if input.name != nil, let name = v.text(input.name, field: "name", label: "单位名称", max: 200) { model.name = name }
        try v.check()
        if let parent = input.parentId {
            _ = try await Lookup.organization(parent, field: "parentId", on: db)
            try await ScopeRule.requireUnitOfCaller(parent, access, field: "parentId", on: db)
            if let id = model.id, try await OrganizationTree.isWithin(parent, id, on: db) {
                throw RectifyError.invalid("parentId", "cycle", "上级单位不能是本单位或其下级单位")
            }
            model.parentID = parent
        }
        if let short = input.shortName { model.shortName = short.isEmpty ? nil : short }
        if let kind = input.kind { model.kind = kind.rawValue }
        if let order = input.sortOrder { model.sortOrder = order }
        if let text = input.sector {
            // A key or a label; "" clears it.
            let wanted: String?
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                wanted = nil
            } else {
                guard let sector = BodySector(text: text) else { throw RectifyError.invalid("sector", "enum", BodySector.expectedMessage) }
                wanted = sector.rawValue
            }
            if wanted != model.sector {
                try Self.requireSectorSetter(access)
                model.sector = wanted
            }
        }
        if model.sector != nil { try Self.checkSectorHolder(model) }
    }

    /// The sector classes bodies for the inspection office, so only an administrator sets it.
    static func requireSectorSetter(_ access: AccessContext) throws {
        guard access.role == .admin else { throw RectifyError.forbidden("被巡察单位的所属领域由系统管理员设置") }
    }

    /// A sector stays on a body at the top of its tree (a body moved below another loses the right to it).
    static func checkSectorHolder(_ model: Organization) throws {
        guard model.parentID == nil, model.kind == OrganizationKind.body.rawValue else {
            throw RectifyError.invalid("sector", "not_body", "只有顶层的被巡察单位可以设置所属领域")
        }
    }

    static func beforeDelete(_ model: Organization, on db: Database) async throws {
        let id = try model.requireID()
        let used = try await Organization.query(on: db).filter(\.$parentID == id).count()
            + Person.query(on: db).filter(\.$organizationID == id).count()
            + User.query(on: db).filter(\.$organizationID == id).count()
            + Measure.query(on: db).filter(\.$leadUnitID == id).count()
            + Problem.query(on: db).filter(\.$leadUnitID == id).count()
            + MeasureUnit.query(on: db).filter(\.$organizationID == id).count()
            + Inspection.query(on: db).filter(\.$inspectedBodyID == id).count()
            + SelfInspectionAnswer.query(on: db).filter(\.$bodyID == id).count()
        if used > 0 {
            throw RectifyError.conflict(code: "in_use", message: "该单位仍有下级单位、人员、用户、整改事项或举一反三自查任务，不能删除")
        }
    }

    static func dtos(_ models: [Organization], on db: Database) async throws -> [OrganizationDTO] {
        try models.map { try $0.toDTO() }
    }

    static func version(of model: Organization) -> Int { model.version }
    static func setVersion(_ version: Int, of model: Organization) { model.version = version }
}
