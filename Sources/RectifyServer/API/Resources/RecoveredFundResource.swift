import Fluent
import RectifyCore
import Vapor

struct RecoveredFundDTO: Content, Equatable {
    var id: UUID
    var inspectionId: UUID
    var problemId: UUID
    var amount: String
    var amountFen: Int64
    var amountText: String
    var description: String
    var recordedOn: Day
    var supersedesId: UUID?
    var superseded: Bool
    var createdAt: Date?
}

/// Money recovered (追缴 / 挽回资金) while rectifying a problem: append-only, amounts kept in fen.
struct RecoveredFundResource: LedgerResource {
    typealias M = RecoveredFund
    typealias UpdateInput = NoUpdate

    struct CreateInput: Decodable, Sendable {
        var problemId: UUID?
        var amount: String?
        var description: String?
        var recordedOn: String?
        var supersedesId: UUID?
    }

    static let path = "recovered-funds"
    static let entity = "recovered_fund"
    static let label = "追回资金记录"
    static let readAccess = Access.ledgerReaders
    static let writeAccess = Access.ledgerWriters
    static let updatable = false
    static let filters: [ResourceFilter<RecoveredFund>] = [
        .uuid("inspectionId", "巡察轮次", \.$inspectionID),
        .uuid("problemId", "问题", \.$problemID),
        RegisterSupport.supersededFilter(),
    ]
    static let sorts: [String: ResourceSort<RecoveredFund>] = ["recordedOn": .field(\.$recordedOn), "amount": .field(\.$amountFen)]
    static let defaultSort = ResourceSort<RecoveredFund>.field(\.$recordedOn)
    static let schema = ResourceSchema(
        name: "RecoveredFund",
        dto: [req("id", .uuid), req("inspectionId", .uuid), req("problemId", .uuid), req("amount", .string, "金额（元），如 1443241.00"),
              req("amountFen", .int64, "金额（分）"), req("amountText", .string, "如 144.3241万元"), req("description", .string),
              req("recordedOn", .date), opt("supersedesId", .uuid), req("superseded", .boolean), opt("createdAt", .dateTime)],
        create: [req("problemId", .uuid), req("amount", .string, "金额（元），最多两位小数"), req("description", .string),
                 req("recordedOn", .date), opt("supersedesId", .uuid)],
        update: [])

    static func scope(_ query: QueryBuilder<RecoveredFund>, _ access: AccessContext, on db: Database) async throws {
        RegisterSupport.scope(query, access)
    }

    static func authorizeWrite(_ model: RecoveredFund, _ access: AccessContext, on db: Database) async throws {}

    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> RecoveredFund {
        var v = FieldValidator()
        if input.problemId == nil { v.add("problemId", "required", "问题不能为空") }
        var fen: Int64?
        if let text = v.text(input.amount, field: "amount", label: "金额", max: 30) {
            fen = MoneyAmount.fen(fromYuan: text)
            if fen == nil || fen == 0 { v.add("amount", "invalid_amount", "金额应为大于0的元数，最多两位小数，如 1443241.00") }
        }
        let description = v.text(input.description, field: "description", label: "说明", max: 2000)
        let date = v.day(input.recordedOn, field: "recordedOn", label: "日期", required: true)
        try v.check()
        let problem = try await Lookup.problem(input.problemId!, field: "problemId", access: access, on: db)
        let f = RecoveredFund()
        f.id = UUID()
        f.inspectionID = problem.inspectionID
        f.problemID = try problem.requireID()
        f.amountFen = fen!
        f.fundDescription = description!
        f.recordedOn = date!.iso
        f.supersedesID = input.supersedesId
        f.superseded = false
        try await RegisterSupport.supersede(RecoveredFund.self, input.supersedesId, by: f, entity: entity, label: label, on: db, audit: audit)
        return f
    }

    static func dtos(_ models: [RecoveredFund], on db: Database) async throws -> [RecoveredFundDTO] {
        try models.map { f in
            RecoveredFundDTO(id: try f.requireID(), inspectionId: f.inspectionID, problemId: f.problemID,
                             amount: MoneyAmount.yuanText(fen: f.amountFen), amountFen: f.amountFen,
                             amountText: MoneyAmount.chineseText(fen: f.amountFen), description: f.fundDescription,
                             recordedOn: Day(iso: f.recordedOn) ?? Day(dayNumber: 0), supersedesId: f.supersedesID,
                             superseded: f.superseded, createdAt: f.createdAt)
        }
    }
}
