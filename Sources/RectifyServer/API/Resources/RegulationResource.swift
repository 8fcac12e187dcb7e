import Fluent
import RectifyCore
import Vapor

struct RegulationDTO: Content, Equatable {
    var id: UUID
    var inspectionId: UUID
    var title: String
    var documentNumber: String?
    var issuedOn: Day?
    var issuer: String?
    var problemIds: [UUID]
    var supersedesId: UUID?
    var superseded: Bool
    var createdAt: Date?
}

/// The register of regulations produced (建章立制): append-only.
struct RegulationResource: LedgerResource {
    typealias M = Regulation
    typealias UpdateInput = NoUpdate
    static let register = "regulation"

    struct CreateInput: Decodable, Sendable {
        var inspectionId: UUID?
        var title: String?
        var documentNumber: String?
        var issuedOn: String?
        var issuer: String?
        var problemIds: [UUID]?
        var supersedesId: UUID?
    }

    static let path = "regulations"
    static let entity = "regulation"
    static let label = "制度文件"
    static let readAccess = Access.ledgerReaders
    static let writeAccess = Access.ledgerWriters
    static let updatable = false
    static let filters: [ResourceFilter<Regulation>] = [
        .uuid("inspectionId", "巡察轮次", \.$inspectionID),
        RegisterSupport.problemFilter(register), RegisterSupport.supersededFilter(),
    ]
    static let sorts: [String: ResourceSort<Regulation>] = ["issuedOn": .optional(\.$issuedOn), "title": .field(\.$title)]
    static let defaultSort = ResourceSort<Regulation>.optional(\.$issuedOn)
    static let schema = ResourceSchema(
        name: "Regulation",
        dto: [req("id", .uuid), req("inspectionId", .uuid), req("title", .string, "制度名称（不含书名号）"),
              opt("documentNumber", .string, "文号，如 赣市财基字〔2024〕3号"), opt("issuedOn", .date), opt("issuer", .string, "制发单位"),
              req("problemIds", .array(.uuid)), opt("supersedesId", .uuid), req("superseded", .boolean), opt("createdAt", .dateTime)],
        create: [req("inspectionId", .uuid), req("title", .string), opt("documentNumber", .string), opt("issuedOn", .date),
                 opt("issuer", .string), opt("problemIds", .array(.uuid)), opt("supersedesId", .uuid)],
        update: [])

    static func scope(_ query: QueryBuilder<Regulation>, _ access: AccessContext, on db: Database) async throws {
        RegisterSupport.scope(query, access)
    }

    static func authorizeWrite(_ model: Regulation, _ access: AccessContext, on db: Database) async throws {}

    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> Regulation {
        var v = FieldValidator()
        if input.inspectionId == nil { v.add("inspectionId", "required", "巡察轮次不能为空") }
        let rawTitle = v.text(input.title, field: "title", label: "制度名称", max: 300)
        let number = v.text(input.documentNumber, field: "documentNumber", label: "文号", required: false, max: 100)
        let date = v.day(input.issuedOn, field: "issuedOn", label: "印发日期")
        try v.check()
        let inspection = try await Lookup.inspection(input.inspectionId!, field: "inspectionId", access: access, on: db)
        try await Lookup.problems(input.problemIds ?? [], inspectionID: try inspection.requireID(), field: "problemIds", on: db)
        let r = Regulation()
        r.id = UUID()
        r.inspectionID = try inspection.requireID()
        // Titles are stored without 《》 so documents can add them consistently.
        r.title = rawTitle!.trimmingCharacters(in: CharacterSet(charactersIn: "《》<>"))
        r.documentNumber = number
        r.issuedOn = date?.iso
        r.issuer = input.issuer.nonBlank
        r.supersedesID = input.supersedesId
        r.superseded = false
        try await RegisterSupport.supersede(Regulation.self, input.supersedesId, by: r, entity: entity, label: label, on: db, audit: audit)
        return r
    }

    static func afterCreate(_ model: Regulation, _ input: CreateInput, on db: Database, audit: AuditTrail) async throws {
        try await RegisterSupport.link(register, record: model.requireID(), problems: input.problemIds ?? [], on: db)
    }

    static func dtos(_ models: [Regulation], on db: Database) async throws -> [RegulationDTO] {
        let links = try await RegisterSupport.links(register, records: models.compactMap(\.id), on: db)
        return try models.map { r in
            RegulationDTO(id: try r.requireID(), inspectionId: r.inspectionID, title: r.title, documentNumber: r.documentNumber,
                          issuedOn: r.issuedOn.flatMap(Day.init(iso:)), issuer: r.issuer, problemIds: links[r.id!] ?? [],
                          supersedesId: r.supersedesID, superseded: r.superseded, createdAt: r.createdAt)
        }
    }
}
