import Fluent
import RectifyCore
import Vapor

struct MeetingDTO: Content, Equatable {
    var id: UUID
    var inspectionId: UUID
    var kind: MeetingKind
    var kindLabel: String
    var heldOn: Day
    var title: String
    var chair: String?
    var summary: String?
    var problemIds: [UUID]
    var supersedesId: UUID?
    var superseded: Bool
    var createdAt: Date?
}

/// The meetings register (党组会、专题会、调度会…): append-only.
struct MeetingResource: LedgerResource {
    typealias M = Meeting
    typealias UpdateInput = NoUpdate
    static let register = "meeting"

    struct CreateInput: Decodable, Sendable {
        var inspectionId: UUID?
        var kind: MeetingKind?
        var heldOn: String?
        var title: String?
        var chair: String?
        var summary: String?
        var problemIds: [UUID]?
        var supersedesId: UUID?
    }

    static let path = "meetings"
    static let entity = "meeting"
    static let label = "会议记录"
    static let readAccess = Access.ledgerReaders
    static let writeAccess = Access.ledgerWriters
    static let updatable = false
    static let filters: [ResourceFilter<Meeting>] = [
        .uuid("inspectionId", "巡察轮次", \.$inspectionID),
        .text("kind", "会议类型", \.$kind, allowed: MeetingKind.allCases.map(\.rawValue)),
        RegisterSupport.problemFilter(register), RegisterSupport.supersededFilter(),
    ]
    static let sorts: [String: ResourceSort<Meeting>] = ["heldOn": .field(\.$heldOn)]
    static let defaultSort = ResourceSort<Meeting>.field(\.$heldOn)
    static let schema = ResourceSchema(
        name: "Meeting",
        dto: [req("id", .uuid), req("inspectionId", .uuid), req("kind", .enumeration(MeetingKind.allCases.map(\.rawValue))),
              req("kindLabel", .string), req("heldOn", .date), req("title", .string), opt("chair", .string, "主持人"),
              opt("summary", .string), req("problemIds", .array(.uuid)), opt("supersedesId", .uuid), req("superseded", .boolean),
              opt("createdAt", .dateTime)],
        create: [req("inspectionId", .uuid), req("kind", .enumeration(MeetingKind.allCases.map(\.rawValue))), req("heldOn", .date),
                 req("title", .string), opt("chair", .string), opt("summary", .string), opt("problemIds", .array(.uuid)),
                 opt("supersedesId", .uuid)],
        update: [])

    static func scope(_ query: QueryBuilder<Meeting>, _ access: AccessContext, on db: Database) async throws {
        RegisterSupport.scope(query, access)
    }

    static func authorizeWrite(_ model: Meeting, _ access: AccessContext, on db: Database) async throws {}

    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> Meeting {
        var v = FieldValidator()
        if input.inspectionId == nil { v.add("inspectionId", "required", "巡察轮次不能为空") }
        if input.kind == nil { v.add("kind", "required", "会议类型不能为空") }
        let date = v.day(input.heldOn, field: "heldOn", label: "会议日期", required: true)
        let title = v.text(input.title, field: "title", label: "会议名称", max: 300)
        v.text(input.summary, field: "summary", label: "会议内容", required: false, max: 20_000)
        try v.check()
        let inspection = try await Lookup.inspection(input.inspectionId!, field: "inspectionId", access: access, on: db)
        try await Lookup.problems(input.problemIds ?? [], inspectionID: try inspection.requireID(), field: "problemIds", on: db)
        let m = Meeting()
        m.id = UUID()
        m.inspectionID = try inspection.requireID()
        m.kind = input.kind!.rawValue
        m.heldOn = date!.iso
        m.title = title!
        m.chair = input.chair.nonBlank
        m.summary = input.summary.nonBlank
        m.supersedesID = input.supersedesId
        m.superseded = false
        try await RegisterSupport.supersede(Meeting.self, input.supersedesId, by: m, entity: entity, label: label, on: db, audit: audit)
        return m
    }

    static func afterCreate(_ model: Meeting, _ input: CreateInput, on db: Database, audit: AuditTrail) async throws {
        try await RegisterSupport.link(register, record: model.requireID(), problems: input.problemIds ?? [], on: db)
    }

    static func dtos(_ models: [Meeting], on db: Database) async throws -> [MeetingDTO] {
        let links = try await RegisterSupport.links(register, records: models.compactMap(\.id), on: db)
        return try models.map { m in
            let kind = MeetingKind(rawValue: m.kind) ?? .special
            return MeetingDTO(id: try m.requireID(), inspectionId: m.inspectionID, kind: kind, kindLabel: kind.label,
                              heldOn: Day(iso: m.heldOn) ?? Day(dayNumber: 0), title: m.title, chair: m.chair, summary: m.summary,
                              problemIds: links[m.id!] ?? [], supersedesId: m.supersedesID, superseded: m.superseded,
                              createdAt: m.createdAt)
        }
    }
}
