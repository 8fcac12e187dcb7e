import Fluent
import RectifyCore
import Vapor

/// The pages of self-inspection tasks (举一反三): the inspection office's list, the form that issues a
/// task (from a problem's page or from text, to bodies by sector or picked), and each task's page with
/// every body's standing; a body's office sees its tasks and answers on the task's page. Every write
/// goes through `SelfInspectionService`, as the API's do.
struct SelfInspectionPagesController: RouteCollection {
    static let perPage = 50
    /// Measure rows the answer form offers; rows left empty are ignored.
    static let measureRows = 3

    func boot(routes: any RoutesBuilder) throws {
        let readers = RouteAccess.roles(SelfInspectionController.readers)
        routes.endpoint(.GET, "self-inspection-tasks", access: readers, use: list)
        routes.endpoint(.GET, "self-inspection-tasks", "new", access: .roles(SelfInspectionController.issuers), use: newTask)
        routes.endpoint(.POST, "self-inspection-tasks", access: .roles(SelfInspectionController.issuers), use: create)
        routes.endpoint(.GET, "self-inspection-tasks", ":id", access: readers, use: detail)
        routes.endpoint(.POST, "self-inspection-tasks", ":id", "answer", access: .roles(SelfInspectionController.answerers), use: answer)
    }

    // MARK: - List

    struct Row: Encodable {
        let id: UUID; let title: String; let issuedOn: String; let dueOn: String
        let counts: SelfInspectionTaskDTO.Counts?; let own: String?; let ownLate: Bool
    }
    struct ListContext: Encodable {
        let frame: PageFrame; let rows: [Row]; let pager: Pager; let late: Bool; let allBodies: Bool; let canIssue: Bool
    }

    @Sendable
    func list(_ req: Request) async throws -> View {
        let access = try await req.access()
        var filters = SelfInspectionService.ListFilters()
        filters.late = req.query[String.self, at: "late"] == "true"
        let requested = max(1, req.query[Int.self, at: "page"] ?? 1)
        let page = try await SelfInspectionService.page(access, filters, ListParameters(page: requested, per: Self.perPage, sort: nil, descending: false),
                                                        on: req.db)
        let (pager, _) = Pager.make(total: page.total, per: Self.perPage, requested: requested) {
            "/self-inspection-tasks?\(filters.late ? "late=true&" : "")page=\($0)"
        }
        let rows = page.items.map { t in
            Row(id: t.id, title: t.title, issuedOn: t.issuedOn.chinese, dueOn: t.dueOn.chinese, counts: t.counts,
                own: t.answers.first.map { $0.state == .pending ? $0.standingLabel : "\($0.stateLabel)（\($0.standingLabel)）" },
                ownLate: t.answers.first?.standing == "late")
        }
        return try await req.view.render("self-inspection-tasks", ListContext(
            frame: .make(req, title: "举一反三", current: "/self-inspection-tasks"), rows: rows, pager: pager, late: filters.late,
            allBodies: access.role.readsAllBodies, canIssue: SelfInspectionController.issuers.contains(access.role)))
    }

    // MARK: - Issue

    struct BodyChoice: Encodable { let id: UUID; let name: String; let sector: String; let checked: Bool }
    struct SectorChoice: Encodable { let value: String; let label: String; let bodies: Int; let checked: Bool }
    struct NewContext: Encodable {
        let frame: PageFrame; let sourceProblemId: UUID?; let sourceLabel: String?; let values: [String: String]
        let sectors: [SectorChoice]; let bodies: [BodyChoice]; let errors: [String: String]
    }

    struct CreatePost: Content {
        var title: String?; var requirement: String?; var sourceProblemId: String?; var workingDays: String?
        var sectors: [String]?; var bodyIds: [String]?
    }

    @Sendable
    func newTask(_ req: Request) async throws -> View {
        let problemID = req.query[String.self, at: "problemId"].flatMap(UUID.init(uuidString:))
        let problem = try await problemID.asyncMap { try await Problem.find($0, on: req.db) } ?? nil
        var values = ["workingDays": "10"]
        if let problem {
            values["title"] = SelfInspectionService.defaultTitle(problem)
            values["requirement"] = SelfInspectionService.defaultRequirement(problem)
        }
        return try await renderNew(req, problem: problem, values: values, sectors: [], bodies: [], errors: [:])
    }

    func renderNew(_ req: Request, problem: Problem?, values: [String: String], sectors: Set<String>, bodies: Set<UUID>,
                   errors: [String: String]) async throws -> View {
        let all = try await Organization.query(on: req.db).filter(\.$kind == OrganizationKind.body.rawValue).filter(\.$parentID == nil)
            .field(\.$id).field(\.$name).field(\.$sector).sort(\.$sortOrder).sort(\.$name).all()
        let perSector = Dictionary(grouping: all.compactMap(\.sector), by: { $0 }).mapValues(\.count)
        return try await req.view.render("self-inspection-new", NewContext(
            frame: .make(req, title: "部署举一反三自查任务", current: "/self-inspection-tasks"), sourceProblemId: try problem?.requireID(),
            sourceLabel: problem.map { "\($0.label) \($0.title)" }, values: values,
            sectors: BodySector.allCases.map { SectorChoice(value: $0.rawValue, label: $0.label, bodies: perSector[$0.rawValue] ?? 0,
                                                            checked: sectors.contains($0.rawValue)) },
            bodies: all.compactMap { org in
                org.id.map { BodyChoice(id: $0, name: org.name, sector: org.sector.flatMap(BodySector.init(rawValue:))?.label ?? "未设置领域",
                                        checked: bodies.contains($0)) }
            },
            errors: errors))
    }

    @Sendable
    func create(_ req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(CreatePost.self)
        var errors: [String: String] = [:]
        let problemID = form.sourceProblemId.nonBlank.flatMap(UUID.init(uuidString:))
        let bodyIDs = (form.bodyIds ?? []).compactMap(UUID.init(uuidString:))
        if bodyIDs.count != (form.bodyIds ?? []).count { errors["bodyIds"] = "所选单位中有不存在或不是被巡察单位的单位" }
        var workingDays: Int?
        if let text = form.workingDays.nonBlank {
            workingDays = Int(text)
            if workingDays == nil { errors["workingDays"] = "报送时限应为整数个工作日" }
        }
        var refusal: RectifyError?
        if errors.isEmpty {
            do {
                let dto = try await SelfInspectionService.create(
                    .init(title: form.title, requirement: form.requirement, sourceProblemId: problemID, bodyIds: bodyIDs,
                          sectors: form.sectors, workingDays: workingDays), access: access, on: req)
                return req.redirect(to: "/self-inspection-tasks/\(dto.id)?done=issued", redirectType: .normal)
            } catch let error as RectifyError where PeoplePagesController.shownOnForm(error) {
                refusal = error
                errors = PeoplePagesController.messages(error)
            }
        }
        let problem = try await problemID.asyncMap { try await Problem.find($0, on: req.db) } ?? nil
        var values: [String: String] = [:]
        for (key, value) in [("title", form.title), ("requirement", form.requirement), ("workingDays", form.workingDays)] {
            if let value { values[key] = value }
        }
        let response = try await renderNew(req, problem: problem, values: values, sectors: Set(form.sectors ?? []), bodies: Set(bodyIDs),
                                           errors: errors).encodeResponse(for: req)
        response.refusedForm(refusal, otherwise: refusal?.status ?? .unprocessableEntity)
        return response
    }

    // MARK: - One task

    struct AnswerRow: Encodable {
        let bodyName: String; let standing: String; let standingCode: String; let state: String; let answeredOn: String
        let answeredBy: String; let explanation: String?; let problemId: UUID?
    }
    struct MeasureRow: Encodable {
        let index: Int; let text: String; let deadline: String; let units: [BoardController.Option]; let leaders: [BoardController.Option]
        let kinds: [BoardController.Option]; let error: String?
    }
    struct AnswerForm: Encodable {
        let version: Int; let values: [String: String]; let rows: [MeasureRow]; let errors: [String: String]; let today: String
        let foundChosen: Bool; let notFoundChosen: Bool
    }
    struct DetailContext: Encodable {
        let frame: PageFrame; let id: UUID; let title: String; let requirement: [String]; let issuedOn: String; let dueOn: String
        let workingDays: Int; let issuedBy: String; let sectors: String; let sourceProblemId: UUID?
        let counts: SelfInspectionTaskDTO.Counts?; let answers: [AnswerRow]; let form: AnswerForm?; let done: String?
    }

    /// A refused answer form's entries and messages.
    struct FormState { var values: [String: String]; var errors: [String: String] }

    static let doneMessages = ["issued": "举一反三自查任务已部署。", "answered": "自查情况已报送。"]

    @Sendable
    func detail(_ req: Request) async throws -> View {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound(SelfInspectionService.label) }
        return try await render(req, id: id, state: nil)
    }

    func render(_ req: Request, id: UUID, state: FormState?) async throws -> View {
        let access = try await req.access()
        let (_, task) = try await SelfInspectionService.detail(id, access: access, on: req.db)
        var form: AnswerForm?
        if SelfInspectionController.answerers.contains(access.role), let own = task.answers.first, own.state == .pending,
           let body = access.bodyID {
            let directory = try await BodyDirectory.load(body: body, subtree: try await access.bodyUnits(on: req.db), on: req.db)
            let leaders = try await LeaderChoices.load(units: directory.ids, current: [], on: req.db)
            let values = state?.values ?? [:]
            let errors = state?.errors ?? [:]
            let rows = (0..<Self.measureRows).map { index in
                let row = index + 1
                let messages = errors.filter { $0.key.hasPrefix("measures[\(index)].") }.map(\.value).sorted()
                return MeasureRow(
                    index: row, text: values["text\(row)"] ?? "", deadline: values["deadline\(row)"] ?? "",
                    units: directory.options(selected: values["unit\(row)"].flatMap(UUID.init(uuidString:))),
                    leaders: leaders.options(selected: values["leader\(row)"].flatMap(UUID.init(uuidString:))),
                    kinds: MeasureKind.allCases.map { .init(value: $0.rawValue, label: $0.label,
                                                            selected: $0.rawValue == (values["kind\(row)"] ?? MeasureKind.timeBound.rawValue)) },
                    error: messages.isEmpty ? nil : messages.joined(separator: "；"))
            }
            form = AnswerForm(version: own.version, values: values, rows: rows, errors: errors.filter { !$0.key.hasPrefix("measures[") },
                              today: access.today.iso, foundChosen: values["state"] == SelfInspectionState.found.rawValue,
                              notFoundChosen: values["state"] == SelfInspectionState.notFound.rawValue)
        }
        return try await req.view.render("self-inspection-task", DetailContext(
            frame: .make(req, title: task.title, current: "/self-inspection-tasks"), id: task.id, title: task.title,
            requirement: task.requirement.split(separator: "\n").map(String.init), issuedOn: task.issuedOn.chinese,
            dueOn: task.dueOn.chinese, workingDays: task.workingDays, issuedBy: task.issuedBy,
            sectors: task.sectors.compactMap { BodySector(rawValue: $0)?.label }.joined(separator: "、"), sourceProblemId: task.sourceProblemId,
            counts: task.counts,
            answers: task.answers.map { a in
                AnswerRow(bodyName: a.bodyName, standing: a.standingLabel, standingCode: a.standing,
                          state: a.state == .pending ? "—" : a.stateLabel, answeredOn: a.answeredOn?.chinese ?? "—",
                          answeredBy: a.answeredBy ?? "—", explanation: a.explanation, problemId: a.problemId)
            },
            form: form,
            done: req.query[String.self, at: "done"].flatMap { Self.doneMessages[$0] }))
    }

    struct AnswerPost: Content {
        var state: String?; var explanation: String?; var problemTitle: String?; var problemDescription: String?; var version: String?
        var text1: String?; var kind1: String?; var unit1: String?; var leader1: String?; var deadline1: String?
        var text2: String?; var kind2: String?; var unit2: String?; var leader2: String?; var deadline2: String?
        var text3: String?; var kind3: String?; var unit3: String?; var leader3: String?; var deadline3: String?

        var rows: [(text: String?, kind: String?, unit: String?, leader: String?, deadline: String?)] {
            [(text1, kind1, unit1, leader1, deadline1), (text2, kind2, unit2, leader2, deadline2), (text3, kind3, unit3, leader3, deadline3)]
        }

        var values: [String: String] {
            var values: [String: String] = [:]
            for (key, value) in [("state", state), ("explanation", explanation), ("problemTitle", problemTitle),
                                 ("problemDescription", problemDescription)] {
                if let value { values[key] = value }
            }
            for (index, row) in rows.enumerated() {
                for (key, value) in [("text", row.text), ("kind", row.kind), ("unit", row.unit), ("leader", row.leader), ("deadline", row.deadline)] {
                    if let value { values["\(key)\(index + 1)"] = value }
                }
            }
            return values
        }
    }

    @Sendable
    func answer(_ req: Request) async throws -> Response {
        let access = try await req.access()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound(SelfInspectionService.label) }
        // The task as the user may see it: another body's answers not found, before the form is read.
        _ = try await SelfInspectionService.detail(id, access: access, on: req.db)
        let form = try req.content.decode(AnswerPost.self)
        var errors: [String: String] = [:]
        // Rows the user filled in, numbered as the service numbers them, so its messages land on the right row.
        var measures: [SelfInspectionService.MeasureInput] = []
        var rowOf: [Int: Int] = [:]
        for (index, row) in form.rows.enumerated() where row.text.nonBlank != nil || row.unit.nonBlank != nil || row.deadline.nonBlank != nil {
            let unit = MeasureFormController.chosen(row.unit, field: "measures[\(index)].leadUnitId", message: "所选单位不存在或不属于本单位", &errors)
            let leader = MeasureFormController.chosen(row.leader, field: "measures[\(index)].leaderId", message: "所选人员不存在或不属于本单位", &errors)
            rowOf[measures.count] = index
            measures.append(.init(text: row.text, kind: row.kind, leadUnitId: unit, leaderId: leader, deadline: row.deadline))
        }
        let version = form.version.nonBlank.flatMap { Int($0) }
        if version == nil { errors["form"] = "缺少版本号，请刷新页面后重试" }
        var refusal: RectifyError?
        if errors.isEmpty, let version {
            do {
                _ = try await SelfInspectionService.answer(
                    taskID: id, .init(state: form.state, explanation: form.explanation, problemTitle: form.problemTitle,
                                      problemDescription: form.problemDescription, measures: measures, version: version),
                    expected: version, access: access, on: req)
                return req.redirect(to: "/self-inspection-tasks/\(id)?done=answered", redirectType: .normal)
            } catch let error as RectifyError where PeoplePagesController.shownOnForm(error) {
                refusal = error
                for (field, message) in PeoplePagesController.messages(error) {
                    errors[Self.formField(field, rowOf: rowOf)] = message
                }
            }
        }
        let response = try await render(req, id: id, state: FormState(values: form.values, errors: errors)).encodeResponse(for: req)
        response.refusedForm(refusal, otherwise: refusal?.status ?? .unprocessableEntity)
        return response
    }

    /// `measures[n].field` of the service's numbering as the form row it came from.
    static func formField(_ field: String, rowOf: [Int: Int]) -> String {
        guard field.hasPrefix("measures["), let close = field.firstIndex(of: "]"),
              let n = Int(field[field.index(field.startIndex, offsetBy: 9)..<close]), let row = rowOf[n] else {
            return ["state", "explanation", "problemTitle", "problemDescription", "measures"].contains(field) ? field : "form"
        }
        return "measures[\(row)]" + field[field.index(after: close)...]
    }
}

