import Fluent
import RectifyCore
import Vapor

struct AccountabilityRecordDTO: Content, Equatable {
    var id: UUID
    var inspectionId: UUID
    var personName: String
    var personId: UUID?
    var rank: CadreRank
    var rankLabel: String
    var form: AccountabilityForm
    var formLabel: String
    var decidedOn: Day
    var reason: String?
    var problemIds: [UUID]
    var supersedesId: UUID?
    var superseded: Bool
    var createdAt: Date?
}

/// The accountability register (问责): append-only; a correction supersedes the entry it corrects.
struct AccountabilityRecordResource: LedgerResource {
    typealias M = AccountabilityRecord
    typealias UpdateInput = NoUpdate
    static let register = "accountability"

    struct CreateInput: Decodable, Sendable {
        var inspectionId: UUID?
        var personName: String?
        var personId: UUID?
        var rank: CadreRank?
        var form: AccountabilityForm?
        var decidedOn: String?
        var reason: String?
        var problemIds: [UUID]?
        var supersedesId: UUID?
    }

    static let path = "accountability-records"
    static let entity = "accountability_record"
    static let label = "问责记录"
    static let readAccess = Access.ledgerReaders
    static let writeAccess = Access.ledgerWriters
    static let updatable = false
    static let filters: [ResourceFilter<AccountabilityRecord>] = [
        .uuid("inspectionId", "巡察轮次", \.$inspectionID),
        .text("rank", "职级", \.$rank, allowed: CadreRank.allCases.map(\.rawValue)),
        .text("form", "问责方式", \.$form, allowed: AccountabilityForm.allCases.map(\.rawValue)),
        RegisterSupport.problemFilter(register), RegisterSupport.supersededFilter(),
    ]
    static let sorts: [String: ResourceSort<AccountabilityRecord>] = [
        "decidedOn": .field(\.$decidedOn), "personName": .field(\.$personName),
    ]
    static let defaultSort = ResourceSort<AccountabilityRecord>.field(\.$decidedOn)
    static let schema = ResourceSchema(
        name: "AccountabilityRecord",
        dto: [req("id", .uuid), req("inspectionId", .uuid), req("personName", .string, "被问责人"), opt("personId", .uuid),
              req("rank", .enumeration(CadreRank.allCases.map(\.rawValue)), "职级"), req("rankLabel", .string),
              req("form", .enumeration(AccountabilityForm.allCases.map(\.rawValue)), "问责方式"), req("formLabel", .string),
              req("decidedOn", .date), opt("reason", .string), req("problemIds", .array(.uuid)), opt("supersedesId", .uuid),
              req("superseded", .boolean), opt("createdAt", .dateTime)],
        create: [req("inspectionId", .uuid), req("personName", .string), opt("personId", .uuid),
                 req("rank", .enumeration(CadreRank.allCases.map(\.rawValue))),
                 req("form", .enumeration(AccountabilityForm.allCases.map(\.rawValue))), req("decidedOn", .date),
                 opt("reason", .string), opt("problemIds", .array(.uuid)), opt("supersedesId", .uuid, "被更正的记录")],
        update: [])

    static func scope(_ query: QueryBuilder<AccountabilityRecord>, _ access: AccessContext, on db: Database) async throws {
        RegisterSupport.scope(query, access)
    }

    static func authorizeWrite(_ model: AccountabilityRecord, _ access: AccessContext, on db: Database) async throws {}

    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> AccountabilityRecord {
        var v = FieldValidator()
        if input.inspectionId == nil { v.add("inspectionId", "required", "巡察轮次不能为空") }
        let name = v.text(input.personName, field: "personName", label: "被问责人姓名", max: 50)
        if input.rank == nil { v.add("rank", "required", "职级不能为空") }
        if input.form == nil { v.add("form", "required", "问责方式不能为空") }
        let date = v.day(input.decidedOn, field: "decidedOn", label: "问责日期", required: true)
        v.text(input.reason, field: "reason", label: "问责事由", required: false, max: 5000)
        try v.check()
        let inspection = try await Lookup.inspection(input.inspectionId!, field: "inspectionId", access: access, on: db)
        var references = ScopeRule.References()
        references.person(input.personId, field: "personId")
        try await ScopeRule.require(references, withinBodyOf: inspection.inspectedBodyID, on: db)
        try await Lookup.problems(input.problemIds ?? [], inspectionID: try inspection.requireID(), field: "problemIds", on: db)
        let r = AccountabilityRecord()
        r.id = UUID()
        r.inspectionID = try inspection.requireID()
        r.personName = name!
        r.personID = input.personId
        r.rank = input.rank!.rawValue
        r.form = input.form!.rawValue
        r.decidedOn = date!.iso
        r.reason = input.reason.nonBlank
        r.supersedesID = input.supersedesId
        r.superseded = false
        try await RegisterSupport.supersede(AccountabilityRecord.self, input.supersedesId, by: r, entity: entity, label: label, on: db, audit: audit)
        return r
    }

    static func afterCreate(_ model: AccountabilityRecord, _ input: CreateInput, on db: Database, audit: AuditTrail) async throws {
        try await RegisterSupport.link(register, record: model.requireID(), problems: input.problemIds ?? [], on: db)
    }

    static func dtos(_ models: [AccountabilityRecord], on db: Database) async throws -> [AccountabilityRecordDTO] {
        let links = try await RegisterSupport.links(register, records: models.compactMap(\.id), on: db)
        return try models.map { r in
            let rank = CadreRank(rawValue: r.rank) ?? .other, form = AccountabilityForm(rawValue: r.form) ?? .reminderTalk
            return AccountabilityRecordDTO(
                id: try r.requireID(), inspectionId: r.inspectionID, personName: r.personName, personId: r.personID,
                rank: rank, rankLabel: rank.label, form: form, formLabel: form.label,
                decidedOn: Day(iso: r.decidedOn) ?? Day(dayNumber: 0), reason: r.reason, problemIds: links[r.id!] ?? [],
                supersedesId: r.supersedesID, superseded: r.superseded, createdAt: r.createdAt)
        }
    }
}
