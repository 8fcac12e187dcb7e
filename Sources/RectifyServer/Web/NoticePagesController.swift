import Fluent
import RectifyCore
import Vapor

/// Pages for reminder notices, weekly bulletins and publishing.
struct NoticePagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "notices", access: .roles(Access.everyone), use: notices)
        routes.endpoint(.GET, "notices", ":id", access: .roles(Access.everyone), use: notice)
        routes.endpoint(.POST, "notices", ":id", "state", access: .roles(Access.everyone), use: changeState)
        routes.endpoint(.GET, "bulletins", access: .roles(Access.ledgerReaders), use: bulletins)
        routes.endpoint(.POST, "bulletins", access: .roles(Access.ledgerWriters), use: generateBulletin)
        routes.endpoint(.GET, "bulletins", ":id", access: .roles(Access.ledgerReaders), use: bulletin)
        routes.endpoint(.GET, "publish", access: .roles(Access.ledgerWriters), use: publishPage)
        routes.endpoint(.POST, "publish", access: .roles(Access.ledgerWriters), use: publish)
    }

    struct NoticeRow: Encodable { let id: UUID; let number: String; let title: String; let issuedOn: String; let replyDue: String; let state: String }
    struct NoticesContext: Encodable { let frame: PageFrame; let rows: [NoticeRow] }

    @Sendable
    func notices(_ req: Request) async throws -> View {
        let access = try await req.access()
        let query = ReminderNotice.query(on: req.db)
        try await ReminderNoticeResource.scope(query, access, on: req.db)
        let rows = try await query.sort(\.$year, .descending).sort(\.$serial, .descending).limit(200).all()
        return try await req.view.render("notices", NoticesContext(frame: .make(req, title: "督办提示", current: "/notices"), rows: try rows.map {
            NoticeRow(id: try $0.requireID(), number: "\($0.year)年第\($0.serial)期", title: $0.title,
                      issuedOn: Day(iso: $0.issuedOn)?.chinese ?? "", replyDue: $0.replyDue.flatMap(Day.init(iso:))?.chinese ?? "—",
                      state: (NoticeState(rawValue: $0.state) ?? .issued).label)
        }))
    }

    struct ItemRow: Encodable { let problemId: UUID; let label: String; let text: String; let late: String }
    struct StateOption: Encodable { let value: String; let label: String }
    struct NoticeContext: Encodable {
        let frame: PageFrame; let id: UUID; let number: String; let title: String; let body: [String]; let recipients: String
        let issuedOn: String; let replyDue: String; let state: String; let reply: String?; let items: [ItemRow]
        let options: [StateOption]; let version: Int; let error: String?
    }

    func loadNotice(_ req: Request, _ access: AccessContext) async throws -> ReminderNotice {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound("督办提示") }
        let query = ReminderNotice.query(on: req.db).filter(\.$id == id)
        try await ReminderNoticeResource.scope(query, access, on: req.db)
        guard let notice = try await query.first() else { throw RectifyError.notFound("督办提示") }
        return notice
    }

    func renderNotice(_ req: Request, _ n: ReminderNotice, access: AccessContext, error: String?) async throws -> View {
        let items = try await NoticeItem.query(on: req.db).filter(\.$noticeID == n.requireID()).all()
        // Only the items the user's unit may see, by the same scope as the API.
        let measureQuery = Measure.query(on: req.db).filter(\.$id ~~ items.map(\.measureID))
        try await MeasureResource.scope(measureQuery, access, on: req.db)
        let measures = try await measureQuery.all()
        let byID = Dictionary(uniqueKeysWithValues: measures.compactMap { m in m.id.map { ($0, m) } })
        let labels = try await Lookup.names(Problem.self, Set(measures.map(\.problemID)), on: req.db, name: \.$label)
        // The reply as the API shows it to this user: a unit's own, or the office's and every unit's.
        let id = try n.requireID()
        let shown = ReminderNoticeResource.shownReply(office: n.reply,
                                                      try await ReminderNoticeResource.replies(of: [id], on: req.db)[id] ?? [], access)
        let state = NoticeState(rawValue: n.state) ?? .issued
        let options = state.allowedNext.filter { $0 != .closed || Access.ledgerWriters.contains(access.role) }
            .sorted { $0.rawValue < $1.rawValue }.map { StateOption(value: $0.rawValue, label: $0.label) }
        return try await req.view.render("notice", NoticeContext(
            frame: .make(req, title: n.title, current: "/notices"), id: try n.requireID(), number: "\(n.year)年第\(n.serial)期",
            title: n.title, body: (ReminderNoticeResource.visibleBody(n.body, access) ?? "").split(separator: "\n").map(String.init),
            recipients: ((try? JSONDecoder().decode([String].self, from: Data(n.recipients.utf8))) ?? []).joined(separator: "、"),
            issuedOn: Day(iso: n.issuedOn)?.chinese ?? "", replyDue: n.replyDue.flatMap(Day.init(iso:))?.chinese ?? "—",
            state: state.label, reply: shown.reply,
            items: items.compactMap { item in
                byID[item.measureID].map { m in
                    ItemRow(problemId: m.problemID, label: (labels[m.problemID] ?? "") + m.label, text: m.text,
                            late: item.workingDaysLate.map { $0 > 0 ? "超期\($0)个工作日" : $0 == 0 ? "今日到期" : "距期限\(-$0)个工作日" } ?? "")
                }
            },
            options: options, version: n.version, error: error))
    }

    @Sendable
    func notice(_ req: Request) async throws -> View {
        let access = try await req.access()
        return try await renderNotice(req, try await loadNotice(req, access), access: access, error: nil)
    }

    struct StatePost: Content { var state: NoticeState?; var reply: String?; var version: Int? }

    @Sendable
    func changeState(_ req: Request) async throws -> Response {
        let access = try await req.access()
        let notice = try await loadNotice(req, access)
        let form = try req.content.decode(StatePost.self)
        do {
            _ = try await ResourceController<ReminderNoticeResource>.update(
                try notice.requireID(), with: .init(state: form.state, reply: form.reply, version: nil),
                expected: form.version ?? notice.version, access: access, on: req)
            return req.redirect(to: "/notices/\(try notice.requireID())", redirectType: .normal)
        } catch let error as RectifyError {
            let view = try await renderNotice(req, notice, access: access, error: error.fields.first?.message ?? error.reason)
            let response = try await view.encodeResponse(for: req)
            response.status = error.status
            return response
        }
    }

    struct BulletinRow: Encodable { let id: UUID; let week: String; let round: String; let by: String }
    struct RoundOption: Encodable { let id: UUID; let title: String }
    struct BulletinsContext: Encodable {
        let frame: PageFrame; let rows: [BulletinRow]; let rounds: [RoundOption]; let week: String; let canGenerate: Bool
    }

    func visibleRounds(_ req: Request, _ access: AccessContext) async throws -> [Inspection] {
        let query = Inspection.query(on: req.db)
        try await InspectionResource.scope(query, access, on: req.db)
        return try await query.sort(\.$feedbackDate, .descending).all()
    }

    @Sendable
    func bulletins(_ req: Request) async throws -> View {
        let access = try await req.access()
        let rounds = try await visibleRounds(req, access)
        let titles = Dictionary(uniqueKeysWithValues: rounds.compactMap { r in r.id.map { ($0, r.title) } })
        let rows = try await Bulletin.query(on: req.db).filter(\.$inspectionID ~~ Array(titles.keys))
            .sort(\.$week, .descending).limit(200).all()
        return try await req.view.render("bulletins", BulletinsContext(
            frame: .make(req, title: "每周通报", current: "/bulletins"),
            rows: try rows.map { BulletinRow(id: try $0.requireID(), week: $0.week, round: titles[$0.inspectionID] ?? "", by: $0.generatedBy) },
            rounds: rounds.compactMap { r in r.id.map { RoundOption(id: $0, title: r.title) } },
            week: ISOWeek(containing: access.today).text, canGenerate: Access.ledgerWriters.contains(access.role)))
    }

    struct GeneratePost: Content { var inspectionId: UUID?; var week: String? }

    @Sendable
    func generateBulletin(_ req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(GeneratePost.self)
        guard let id = form.inspectionId, let week = form.week.flatMap(ISOWeek.init(text:)) else {
            throw RectifyError.invalid("week", "invalid_week", "请选择巡察轮次，并按 2024-W05 的格式填写周次")
        }
        let inspection = try await Lookup.inspection(id, field: "inspectionId", access: access, on: req.db)
        let row = try await BulletinController.generate(inspection: inspection, week: week, calendar: req.application.workingCalendar,
                                                        by: req.auditActor, now: req.application.clock.now(), on: req.db)
        return req.redirect(to: "/bulletins/\(try row.requireID())", redirectType: .normal)
    }

    struct BulletinContext: Encodable { let frame: PageFrame; let id: UUID; let paragraphs: [String] }

    @Sendable
    func bulletin(_ req: Request) async throws -> View {
        let access = try await req.access()
        guard let id = req.parameters.get("id", as: UUID.self), let row = try await Bulletin.find(id, on: req.db),
              access.canSee(inspection: row.inspectionID) else { throw RectifyError.notFound("周通报") }
        let dto = try await BulletinController.dto(row, on: req.db)
        return try await req.view.render("bulletin", BulletinContext(frame: .make(req, title: "每周通报", current: "/bulletins"),
                                                                     id: id, paragraphs: dto.paragraphs))
    }

    struct PublicationRow: Encodable { let id: UUID; let title: String; let asOf: String; let by: String; let round: String }
    struct PublishContext: Encodable { let frame: PageFrame; let rounds: [RoundOption]; let rows: [PublicationRow]; let today: String }

    @Sendable
    func publishPage(_ req: Request) async throws -> View {
        let access = try await req.access()
        let rounds = try await visibleRounds(req, access)
        let titles = Dictionary(uniqueKeysWithValues: rounds.compactMap { r in r.id.map { ($0, r.title) } })
        let rows = try await Publication.query(on: req.db).filter(\.$inspectionID ~~ Array(titles.keys))
            .field(\.$id).field(\.$inspectionID).field(\.$title).field(\.$asOf).field(\.$publishedBy).field(\.$createdAt)
            .sort(\.$createdAt, .descending).limit(100).all()
        return try await req.view.render("publish", PublishContext(
            frame: .make(req, title: "公开报告", current: "/publish"),
            rounds: rounds.compactMap { r in r.id.map { RoundOption(id: $0, title: r.title) } },
            rows: try rows.map { PublicationRow(id: try $0.requireID(), title: $0.title, asOf: Day(iso: $0.asOf)?.chinese ?? "",
                                                by: $0.publishedBy, round: titles[$0.inspectionID] ?? "") },
            today: access.today.iso))
    }

    @Sendable
    func publish(_ req: Request) async throws -> Response {
        let response = try await PublicReportController().publish(req)
        struct Created: Decodable { let url: String }
        let created = try response.content.decode(Created.self)
        return req.redirect(to: created.url, redirectType: .normal)
    }
}
