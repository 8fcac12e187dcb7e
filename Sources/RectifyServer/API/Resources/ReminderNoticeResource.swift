import Fluent
import RectifyCore
import Vapor

struct NoticeItemDTO: Content, Equatable {
    var measureId: UUID
    var workingDaysLate: Int?
}

/// One unit's reply to a notice.
struct NoticeReplyDTO: Content, Equatable {
    var unitId: UUID
    var unitName: String
    var text: String
    var repliedOn: Day
}

struct ReminderNoticeDTO: Content, Equatable {
    var id: UUID
    var inspectionId: UUID
    var year: Int
    var serial: Int
    var number: String
    var title: String
    var body: String?
    var issuedOn: Day
    var replyDue: Day?
    var recipients: [String]
    var state: NoticeState
    var stateLabel: String
    /// The office's reply, or for a unit its own; with no office reply the office reads the units' replies here.
    var reply: String?
    /// Each addressee unit's reply; a unit sees only its own.
    var replies: [NoticeReplyDTO]
    var items: [NoticeItemDTO]
    var version: Int
}

/// Reminder notices (《巡察整改工作提示》 / 督办单), numbered per round and year (2024年第5期).
/// The office issues them; recipients mark them read and reply; the office closes them.
struct ReminderNoticeResource: LedgerResource {
    typealias M = ReminderNotice

    struct ItemInput: Decodable, Sendable {
        var measureId: UUID
        var workingDaysLate: Int?
    }

    struct CreateInput: Decodable, Sendable {
        var inspectionId: UUID?
        var title: String?
        var body: String?
        var issuedOn: String?
        var replyDue: String?
        var recipients: [String]?
        var items: [ItemInput]?
    }

    struct UpdateInput: Decodable, Sendable, VersionedInput {
        var state: NoticeState?
        var reply: String?
        var version: Int?
    }

    static let path = "reminder-notices"
    static let entity = "reminder_notice"
    static let label = "督办提示"
    static let readAccess = Access.everyone
    /// Addressees answer notices; supervisors verify and do not answer a body's notices.
    static let writeAccess = Access.everyone.subtracting([.supervisor])
    static let createAccess = Access.ledgerWriters
    static let filters: [ResourceFilter<ReminderNotice>] = [
        .uuid("inspectionId", "巡察轮次", \.$inspectionID),
        .text("state", "办理状态", \.$state, allowed: NoticeState.allCases.map(\.rawValue)),
    ]
    static let sorts: [String: ResourceSort<ReminderNotice>] = ["issuedOn": .field(\.$issuedOn), "serial": .field(\.$serial)]
    static let defaultSort = ResourceSort<ReminderNotice>.fields(["year", "serial"])
    static let itemSchema: SchemaType = .object([req("measureId", .uuid), opt("workingDaysLate", .integer, "超期工作日数，负数为距期限")])
    static let schema = ResourceSchema(
        name: "ReminderNotice",
        dto: [req("id", .uuid), req("inspectionId", .uuid), req("year", .integer), req("serial", .integer),
              req("number", .string, "期号，如 2024年第5期"), req("title", .string), opt("body", .string), req("issuedOn", .date),
              opt("replyDue", .date, "要求回复日期"), req("recipients", .array(.string)),
              req("state", .enumeration(NoticeState.allCases.map(\.rawValue))), req("stateLabel", .string), opt("reply", .string),
              req("replies", .array(.object([req("unitId", .uuid), req("unitName", .string), req("text", .string), req("repliedOn", .date)])),
                  "各责任单位的回复（单位只见本单位的）"),
              req("items", .array(itemSchema)), req("version", .integer)],
        create: [req("inspectionId", .uuid), req("title", .string), opt("body", .string), opt("issuedOn", .date),
                 opt("replyDue", .date), req("recipients", .array(.string)), req("items", .array(itemSchema))],
        update: [opt("state", .enumeration(NoticeState.allCases.map(\.rawValue))), opt("reply", .string), opt("version", .integer)])

    static func scope(_ query: QueryBuilder<ReminderNotice>, _ access: AccessContext, on db: Database) async throws {
        if let ids = access.inspectionIDs { query.filter(\.$inspectionID ~~ Array(ids)) }
        if let units = access.unitIDs {
            let measures = Measure.query(on: db)
            if let ids = access.inspectionIDs { measures.filter(\.$inspectionID ~~ Array(ids)) }
            try await MeasureResource.scopeToUnits(measures, units, on: db)
            let ids = try await measures.field(\.$id).all().compactMap(\.id)
            let notices = try await NoticeItem.query(on: db).filter(\.$measureID ~~ ids).field(\.$noticeID).all().map(\.noticeID)
            query.filter(\.$id ~~ Array(Set(notices)))
        }
    }

    static func authorizeWrite(_ model: ReminderNotice, _ access: AccessContext, on db: Database) async throws {
        guard access.canSee(inspection: model.inspectionID) else { throw RectifyError.forbidden("只能办理本单位的督办提示") }
    }

    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> ReminderNotice {
        guard Access.ledgerWriters.contains(access.role) else { throw RectifyError.forbidden("督办提示由整改办签发") }
        var v = FieldValidator()
        if input.inspectionId == nil { v.add("inspectionId", "required", "巡察轮次不能为空") }
        let title = v.text(input.title, field: "title", label: "标题", max: 200)
        v.text(input.body, field: "body", label: "正文", required: false, max: 20_000)
        let issued = v.day(input.issuedOn, field: "issuedOn", label: "签发日期") ?? access.today
        let due = v.day(input.replyDue, field: "replyDue", label: "要求回复日期")
        v.order(issued, due, field: "replyDue", message: "要求回复日期不能早于签发日期")
        let recipients = (input.recipients ?? []).compactMap { Optional($0).nonBlank }
        if recipients.isEmpty { v.add("recipients", "required", "至少指定一个接收人") }
        if (input.items ?? []).isEmpty { v.add("items", "required", "至少列出一项督办的整改措施") }
        try v.check()
        let inspection = try await Lookup.inspection(input.inspectionId!, field: "inspectionId", access: access, on: db)
        let inspectionID = try inspection.requireID()
        let measureIDs = Set((input.items ?? []).map(\.measureId))
        let found = try await Measure.query(on: db).filter(\.$id ~~ Array(measureIDs)).filter(\.$inspectionID == inspectionID).count()
        if found != measureIDs.count {
            throw RectifyError.invalid("items", "unknown_reference", "督办的整改措施不存在或不属于该巡察轮次")
        }
        let last = try await ReminderNotice.query(on: db).filter(\.$inspectionID == inspectionID)
            .filter(\.$year == issued.year).max(\.$serial)
        let n = ReminderNotice()
        n.inspectionID = inspectionID
        n.year = issued.year
        n.serial = (last ?? 0) + 1
        n.title = title!
        n.body = input.body.nonBlank
        n.issuedOn = issued.iso
        n.replyDue = due?.iso
        n.recipients = String(decoding: try JSONEncoder().encode(recipients), as: UTF8.self)
        n.state = NoticeState.issued.rawValue
        n.issuedByID = access.userID
        return n
    }

    static func afterCreate(_ model: ReminderNotice, _ input: CreateInput, on db: Database, audit: AuditTrail) async throws {
        var seen = Set<UUID>()
        for item in input.items ?? [] where seen.insert(item.measureId).inserted {
            let row = NoticeItem()
            row.noticeID = try model.requireID()
            row.measureID = item.measureId
            row.workingDaysLate = item.workingDaysLate
            try await row.create(on: db)
        }
    }

    static func apply(_ input: UpdateInput, to n: ReminderNotice, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws {
        let current = NoticeState(rawValue: n.state) ?? .issued
        if let next = input.state, next != current {
            guard current.allowedNext.contains(next) else {
                throw RectifyError.illegalTransition(field: "state", from: current.label, to: next.label)
            }
            if next == .closed, !Access.ledgerWriters.contains(access.role) {
                throw RectifyError.forbidden("督办提示由整改办办结")
            }
            if next == .replied, input.reply.nonBlank == nil {
                throw RectifyError.invalid("reply", "required", "回复时须填写回复内容")
            }
            n.state = next.rawValue
            if next == .replied { n.repliedOn = access.today.iso }
        }
        if let reply = input.reply.nonBlank {
            guard reply.count <= 20_000 else { throw RectifyError.invalid("reply", "too_long", "回复内容不能超过20000个字符") }
            if access.isUnitRestricted {
                // A unit answers for itself, in its own row: it neither reads nor overwrites another unit's reply.
                guard let unit = access.unitID else { throw RectifyError.forbidden("未归属单位的用户不能回复督办提示") }
                let noticeID = try n.requireID()
                let row = try await NoticeReply.query(on: db).filter(\.$noticeID == noticeID).filter(\.$unitID == unit).first()
                    ?? NoticeReply()
                row.noticeID = noticeID
                row.unitID = unit
                row.text = reply
                row.repliedOn = access.today.iso
                try await row.save(on: db)
            } else {
                n.reply = reply
            }
        }
    }

    /// A unit sees the notices that name one of its measures, and of each only those items.
    static func redact(_ dtos: [ReminderNoticeDTO], _ access: AccessContext, on db: Database) async throws -> [ReminderNoticeDTO] {
        guard access.isUnitRestricted else { return dtos }
        let visible = try await visibleMeasures(Set(dtos.flatMap { $0.items.map(\.measureId) }), access, on: db)
        return dtos.map { dto in
            var dto = dto
            dto.items = dto.items.filter { visible.contains($0.measureId) }
            dto.body = visibleBody(dto.body, access)
            (dto.reply, dto.replies) = shownReply(office: nil, dto.replies, access)
            return dto
        }
    }

    /// The notice's text as `access` may read it: a unit's copy leaves out the numbered lines that
    /// list the items (an escalation notice lists every unit's), which its own items table replaces.
    static func visibleBody(_ body: String?, _ access: AccessContext) -> String? {
        guard access.isUnitRestricted, let body else { return body }
        return body.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !ReminderNoticeText.isItemLine($0) }
            .joined(separator: "\n")
    }

    /// Which of `ids` the user sees, by the measures' own scope (one query).
    static func visibleMeasures(_ ids: Set<UUID>, _ access: AccessContext, on db: Database) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let query = Measure.query(on: db).filter(\.$id ~~ Array(ids))
        try await MeasureResource.scope(query, access, on: db)
        return Set(try await query.field(\.$id).all().compactMap(\.id))
    }

    static func dtos(_ models: [ReminderNotice], on db: Database) async throws -> [ReminderNoticeDTO] {
        let ids = models.compactMap(\.id)
        var items: [UUID: [NoticeItemDTO]] = [:]
        if !ids.isEmpty {
            for row in try await NoticeItem.query(on: db).filter(\.$noticeID ~~ ids).sort(\.$id).all() {
                items[row.noticeID, default: []].append(NoticeItemDTO(measureId: row.measureID, workingDaysLate: row.workingDaysLate))
            }
        }
        let replies = try await replies(of: ids, on: db)
        return try models.map { n in
            let state = NoticeState(rawValue: n.state) ?? .issued
            let recipients = (try? JSONDecoder().decode([String].self, from: Data(n.recipients.utf8))) ?? []
            return ReminderNoticeDTO(id: try n.requireID(), inspectionId: n.inspectionID, year: n.year, serial: n.serial,
                                     number: "\(n.year)年第\(n.serial)期", title: n.title, body: n.body,
                                     issuedOn: Day(iso: n.issuedOn) ?? Day(dayNumber: 0), replyDue: n.replyDue.flatMap(Day.init(iso:)),
                                     recipients: recipients, state: state, stateLabel: state.label,
                                     reply: n.reply ?? joined(replies[n.id!] ?? []), replies: replies[n.id!] ?? [],
                                     items: items[n.id!] ?? [], version: n.version)
        }
    }

    /// The units' replies to each notice, in the order they came (two queries whatever the number).
    static func replies(of ids: [UUID], on db: Database) async throws -> [UUID: [NoticeReplyDTO]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await NoticeReply.query(on: db).filter(\.$noticeID ~~ ids).all()
        let names = try await Lookup.names(Organization.self, Set(rows.map(\.unitID)), on: db, name: \.$name)
        var replies: [UUID: [NoticeReplyDTO]] = [:]
        for row in rows.sorted(by: { ($0.repliedOn, names[$0.unitID] ?? "") < ($1.repliedOn, names[$1.unitID] ?? "") }) {
            replies[row.noticeID, default: []].append(NoticeReplyDTO(unitId: row.unitID, unitName: names[row.unitID] ?? "",
                                                                     text: row.text, repliedOn: Day(iso: row.repliedOn) ?? Day(dayNumber: 0)))
        }
        return replies
    }

    /// What of a notice's replies `access` reads, as `reply` and `replies`: a unit its own units'
    /// replies; anyone else the office's reply, else the units' under their names, and every unit's.
    static func shownReply(office: String?, _ replies: [NoticeReplyDTO], _ access: AccessContext)
        -> (reply: String?, replies: [NoticeReplyDTO]) {
        guard let units = access.unitIDs else { return (office ?? joined(replies), replies) }
        let own = replies.filter { units.contains($0.unitId) }
        return (own.isEmpty ? nil : own.map(\.text).joined(separator: "\n"), own)
    }

    /// The units' replies as one text, each under its unit's name, for readers of `reply`.
    private static func joined(_ replies: [NoticeReplyDTO]) -> String? {
        replies.isEmpty ? nil : replies.map { "\($0.unitName)：\($0.text)" }.joined(separator: "\n")
    }

    static func version(of model: ReminderNotice) -> Int { model.version }
    static func setVersion(_ version: Int, of model: ReminderNotice) { model.version = version }
}
