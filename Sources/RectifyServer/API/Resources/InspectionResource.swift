import Fluent
import RectifyCore
import Vapor

struct InspectionDTO: Content, Equatable {
    var id: UUID
    var title: String
    var kind: String
    var inspectingGroup: String
    var inspectedBodyId: UUID
    var onsiteStart: Day?
    var onsiteEnd: Day?
    var feedbackDate: Day?
    var rectificationDeadline: Day?
    var statusDate: Day?
    var publishedOn: Day?
    var issuer: String?
    var importedFrom: String?
    var statedClaims: ReportClaims?
    var narrative: RoundNarrative?
    var warningThresholds: WarningThresholds
    var escalationPolicy: EscalationPolicy
    var version: Int
}

extension Inspection {
    func toDTO() throws -> InspectionDTO {
        InspectionDTO(id: try requireID(), title: title, kind: kind, inspectingGroup: inspectingGroup,
                      inspectedBodyId: inspectedBodyID, onsiteStart: onsiteStart.flatMap(Day.init(iso:)),
                      onsiteEnd: onsiteEnd.flatMap(Day.init(iso:)), feedbackDate: feedbackDate.flatMap(Day.init(iso:)),
                      rectificationDeadline: rectificationDeadline.flatMap(Day.init(iso:)),
                      statusDate: statusDate.flatMap(Day.init(iso:)), publishedOn: publishedOn.flatMap(Day.init(iso:)),
                      issuer: issuer, importedFrom: importedFrom, statedClaims: statedClaims, narrative: narrative,
                      warningThresholds: warningThresholds,
                      escalationPolicy: escalationPolicy, version: version)
    }
}

/// Inspection rounds: 巡察 (by a city or county committee) or 巡视 (by a province or the centre).
struct InspectionResource: LedgerResource {
    typealias M = Inspection
    static let kinds = ["inspection", "tour"]

    struct CreateInput: Decodable, Sendable {
        var title: String?
        var kind: String?
        var inspectingGroup: String?
        var inspectedBodyId: UUID?
        var onsiteStart: String?
        var onsiteEnd: String?
        var feedbackDate: String?
        var rectificationDeadline: String?
        var statusDate: String?
    }

    struct UpdateInput: Decodable, Sendable, VersionedInput {
        init() {}
        var title: String?
        var inspectingGroup: String?
        var onsiteStart: String?
        var onsiteEnd: String?
        var feedbackDate: String?
        var rectificationDeadline: String?
        var statusDate: String?
        var publishedOn: String?
        var issuer: String?
        var narrative: RoundNarrative?
        var warningThresholds: WarningThresholds?
        var escalationPolicy: EscalationPolicy?
        var version: Int?
    }

    static let path = "inspections"
    static let entity = "inspection"
    static let label = "巡察轮次"
    static let readAccess = Access.everyone
    static let writeAccess = Access.ledgerWriters
    static let filters: [ResourceFilter<Inspection>] = [
        .uuid("inspectedBodyId", "被巡察单位", \.$inspectedBodyID),
        .text("kind", "巡察或巡视", \.$kind, allowed: kinds),
    ]
    static let sorts: [String: ResourceSort<Inspection>] = [
        "feedbackDate": .optional(\.$feedbackDate), "title": .field(\.$title),
    ]
    static let defaultSort = ResourceSort<Inspection>.optional(\.$feedbackDate)
    static let schema = ResourceSchema(
        name: "Inspection",
        dto: [req("id", .uuid), req("title", .string, "名称，如 市委第三轮巡察"), req("kind", .enumeration(kinds), "inspection 巡察 / tour 巡视"),
              req("inspectingGroup", .string, "巡察组，如 市委第三巡察组"), req("inspectedBodyId", .uuid, "被巡察党组织"),
              opt("onsiteStart", .date, "进驻日期"), opt("onsiteEnd", .date, "巡察结束日期"), opt("feedbackDate", .date, "反馈日期"),
              opt("rectificationDeadline", .date, "集中整改期限"), opt("statusDate", .date, "最近一次报告的截至日期"),
              opt("publishedOn", .date, "公布日期"), opt("issuer", .string, "落款单位"),
              opt("importedFrom", .string, "导入来源文件"), opt("statedClaims", .freeObject, "报告所称数字（导入时保留，非系统统计）"),
              opt("narrative", .freeObject, "公开报告的叙述部分：title、opening、organisation、nextSteps、contacts"),
              req("warningThresholds", thresholdsSchema, "预警阈值"), req("escalationPolicy", .freeObject, "督办升级规则"),
              req("version", .integer)],
        create: [req("title", .string), req("kind", .enumeration(kinds)), req("inspectingGroup", .string),
                 req("inspectedBodyId", .uuid), opt("onsiteStart", .date), opt("onsiteEnd", .date), opt("feedbackDate", .date),
                 opt("rectificationDeadline", .date), opt("statusDate", .date)],
        update: [opt("title", .string), opt("inspectingGroup", .string), opt("onsiteStart", .date), opt("onsiteEnd", .date),
                 opt("feedbackDate", .date), opt("rectificationDeadline", .date), opt("statusDate", .date),
                 opt("publishedOn", .date), opt("issuer", .string), opt("narrative", .freeObject),
                 opt("warningThresholds", thresholdsSchema), opt("escalationPolicy", .freeObject), opt("version", .integer)])

    static let thresholdsSchema: SchemaType = .object([
        req("dueSoonWorkingDays", .integer, "距期限不足几个工作日为临期（黄色）"),
        req("behindSchedulePoints", .integer, "落后序时进度超过几个百分点为黄色")])

    static func scope(_ query: QueryBuilder<Inspection>, _ access: AccessContext, on db: Database) async throws {
        if let ids = access.inspectionIDs { query.filter(\.$id ~~ Array(ids)) }
    }

    /// An office keeps the rounds of its own body (`ScopeRule`).
    static func authorizeWrite(_ model: Inspection, _ access: AccessContext, on db: Database) async throws {
        guard access.role != .admin else { return }
        guard let body = access.bodyID else { throw RectifyError.forbidden("当前账号未指定所在单位，不能维护巡察轮次") }
        guard try await ScopeRule.body(of: model, on: db) == body else {
            throw RectifyError.forbidden("只能维护本单位的巡察轮次")
        }
    }

    static func validateDates(_ m: Inspection, _ v: inout FieldValidator) {
        let start = m.onsiteStart.flatMap(Day.init(iso:)), end = m.onsiteEnd.flatMap(Day.init(iso:))
        let feedback = m.feedbackDate.flatMap(Day.init(iso:)), deadline = m.rectificationDeadline.flatMap(Day.init(iso:))
        v.order(start, end, field: "onsiteEnd", message: "巡察结束日期不能早于进驻日期")
        v.order(end ?? start, feedback, field: "feedbackDate", message: "反馈日期不能早于巡察结束日期")
        v.order(feedback, deadline, field: "rectificationDeadline", message: "集中整改期限不能早于反馈日期")
    }

    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> Inspection {
        var v = FieldValidator()
        let title = v.text(input.title, field: "title", label: "巡察轮次名称", max: 200)
        let group = v.text(input.inspectingGroup, field: "inspectingGroup", label: "巡察组", max: 200)
        if let kind = input.kind, !kinds.contains(kind) { v.add("kind", "invalid_value", "类型应为 inspection（巡察）或 tour（巡视）") }
        if input.inspectedBodyId == nil { v.add("inspectedBodyId", "required", "被巡察单位不能为空") }
        let m = Inspection()
        m.onsiteStart = v.day(input.onsiteStart, field: "onsiteStart", label: "进驻日期")?.iso
        m.onsiteEnd = v.day(input.onsiteEnd, field: "onsiteEnd", label: "巡察结束日期")?.iso
        m.feedbackDate = v.day(input.feedbackDate, field: "feedbackDate", label: "反馈日期")?.iso
        m.rectificationDeadline = v.day(input.rectificationDeadline, field: "rectificationDeadline", label: "集中整改期限")?.iso
        m.statusDate = v.day(input.statusDate, field: "statusDate", label: "截至日期")?.iso
        validateDates(m, &v)
        try v.check()
        guard let body = try await Lookup.organization(input.inspectedBodyId, field: "inspectedBodyId", on: db) else {
            throw RectifyError.invalid("inspectedBodyId", "required", "被巡察单位不能为空")
        }
        try await ScopeRule.requireUnitOfCaller(input.inspectedBodyId, access, field: "inspectedBodyId", on: db)
        // A round is of a body (the top of its branch): one named on a unit would be nobody's to see.
        if access.bodyID != nil, input.inspectedBodyId != access.bodyID {
            throw RectifyError.invalid("inspectedBodyId", "not_a_body", "被巡察单位应为本单位（组织机构的最上级），而不是其内设或下属单位")
        }
        m.title = title!
        m.kind = input.kind ?? "inspection"
        m.inspectingGroup = group!
        m.inspectedBodyID = try body.requireID()
        return m
    }

    static func apply(_ input: UpdateInput, to m: Inspection, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws {
        var v = FieldValidator()
        if input.title != nil, let t = v.text(input.title, field: "title", label: "巡察轮次名称", max: 200) { m.title = t }
        if input.inspectingGroup != nil, let g = v.text(input.inspectingGroup, field: "inspectingGroup", label: "巡察组", max: 200) {
            m.inspectingGroup = g
        }
        func date(_ value: String?, _ field: String, _ label: String, _ set: (String?) -> Void) {
            guard let value else { return }
            if value.isEmpty { set(nil) } else if let d = v.day(value, field: field, label: label) { set(d.iso) }
        }
        date(input.onsiteStart, "onsiteStart", "进驻日期") { m.onsiteStart = $0 }
        date(input.onsiteEnd, "onsiteEnd", "巡察结束日期") { m.onsiteEnd = $0 }
        date(input.feedbackDate, "feedbackDate", "反馈日期") { m.feedbackDate = $0 }
        date(input.rectificationDeadline, "rectificationDeadline", "集中整改期限") { m.rectificationDeadline = $0 }
        date(input.statusDate, "statusDate", "截至日期") { m.statusDate = $0 }
        date(input.publishedOn, "publishedOn", "公布日期") { m.publishedOn = $0 }
        if let issuer = input.issuer { m.issuer = issuer.isEmpty ? nil : issuer }
        if let narrative = input.narrative {
            m.narrativeJSON = String(decoding: try JSONEncoder().encode(narrative), as: UTF8.self)
        }
        if let thresholds = input.warningThresholds {
            for problem in thresholds.problems { v.add("warningThresholds", "invalid_value", problem) }
            m.warningThresholdsJSON = String(decoding: try JSONEncoder().encode(thresholds), as: UTF8.self)
        }
        if let policy = input.escalationPolicy {
            for problem in policy.problems { v.add("escalationPolicy", "invalid_value", problem) }
            m.escalationPolicyJSON = String(decoding: try JSONEncoder().encode(policy), as: UTF8.self)
        }
        validateDates(m, &v)
        try v.check()
    }

    static func dtos(_ models: [Inspection], on db: Database) async throws -> [InspectionDTO] { try models.map { try $0.toDTO() } }
    static func version(of model: Inspection) -> Int { model.version }
    static func setVersion(_ version: Int, of model: Inspection) { model.version = version }
}
