import Fluent
import RectifyCore
import Vapor

/// The measure forms on a problem's page: add a measure, change a measure's leader. Both write
/// through `MeasureResource` (`ResourceController`), so a leader who has left, or anyone or any unit
/// outside the round's body, is refused here exactly as by the API.
struct MeasureFormController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.POST, "problems", ":id", "measures", access: .roles(MeasureResource.createAccess), use: create)
        routes.endpoint(.POST, "measures", ":id", "leader", access: .roles(MeasureResource.writeAccess), use: changeLeader)
    }

    struct NewMeasurePost: Content {
        var text: String?; var kind: String?; var deadline: String?; var leaderId: String?; var leadUnitId: String?

        var draft: [String: String] {
            var draft: [String: String] = [:]
            for (key, value) in [("text", text), ("kind", kind), ("deadline", deadline), ("leaderId", leaderId), ("leadUnitId", leadUnitId)] {
                if let value { draft[key] = value }
            }
            return draft
        }
    }

    /// The fields the new-measure form shows messages beside; the others' messages go above it.
    static let formFields: Set<String> = ["text", "kind", "deadline", "leaderId", "leadUnitId"]

    /// An id chosen in a select: "" is none, anything else must be an id.
    static func chosen(_ text: String?, field: String, message: String, _ errors: inout [String: String]) -> UUID? {
        guard let text = text.nonBlank else { return nil }
        guard let id = UUID(uuidString: text) else {
            errors[field] = message
            return nil
        }
        return id
    }

    @Sendable
    func create(_ req: Request) async throws -> Response {
        let access = try await req.access()
        guard let problemID = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound("问题") }
        // The problem as the user may see it: another body's answers not found, before anything is read of the form.
        let visible = Problem.query(on: req.db).filter(\.$id == problemID)
        try await ProblemResource.scope(visible, access, on: req.db)
        guard try await visible.count() > 0 else { throw RectifyError.notFound("问题") }
        let form = try req.content.decode(NewMeasurePost.self)
        var errors: [String: String] = [:]
        var kind: MeasureKind?
        if let text = form.kind.nonBlank {
            kind = MeasureKind(rawValue: text)
            if kind == nil { errors["kind"] = "措施类型不在可选范围内" }
        }
        let leader = Self.chosen(form.leaderId, field: "leaderId", message: "所选人员不存在或不属于本单位", &errors)
        let unit = Self.chosen(form.leadUnitId, field: "leadUnitId", message: "所选单位不存在或不属于本单位", &errors)
        var refusal: RectifyError?
        if errors.isEmpty {
            do {
                let (created, _) = try await ResourceController<MeasureResource>.create(
                    .init(problemId: problemID, number: nil, label: nil, text: form.text, kind: kind, leaderId: leader, leadUnitId: unit,
                          supportingUnitIds: nil, startDate: nil, deadline: form.deadline), access: access, on: req)
                return req.redirect(to: "/problems/\(problemID)?done=measure#m-\(created.id)", redirectType: .normal)
            } catch let error as RectifyError where PeoplePagesController.shownOnForm(error) {
                refusal = error
                for (field, message) in PeoplePagesController.messages(error) {
                    let key = Self.formFields.contains(field) ? field : "form"
                    errors[key] = errors[key].map { $0 + "；" + message } ?? message
                }
            }
        }
        return try await refused(req, problemID: problemID, state: .init(measureID: nil, draft: form.draft, errors: errors), refusal: refusal)
    }

    struct LeaderPost: Content { var leaderId: String?; var version: String? }

    @Sendable
    func changeLeader(_ req: Request) async throws -> Response {
        let access = try await req.access()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound(MeasureResource.label) }
        let visible = Measure.query(on: req.db).filter(\.$id == id)
        try await MeasureResource.scope(visible, access, on: req.db)
        guard let measure = try await visible.field(\.$id).field(\.$problemID).first() else { throw RectifyError.notFound(MeasureResource.label) }
        let form = try req.content.decode(LeaderPost.self)
        var errors: [String: String] = [:]
        let leader = Self.chosen(form.leaderId, field: "leaderId", message: "所选人员不存在或不属于本单位", &errors)
        if leader == nil, errors.isEmpty { errors["leaderId"] = "请选择责任领导" }
        let version = form.version.nonBlank.flatMap { Int($0) }
        if version == nil { errors["version"] = "缺少版本号，请刷新页面后重试" }
        var refusal: RectifyError?
        if errors.isEmpty, let version {
            var input = MeasureResource.UpdateInput()
            input.leaderId = leader
            do {
                _ = try await ResourceController<MeasureResource>.update(id, with: input, expected: version, access: access, on: req)
                return req.redirect(to: "/problems/\(measure.problemID)?done=leader#m-\(id)", redirectType: .normal)
            } catch let error as RectifyError where PeoplePagesController.shownOnForm(error) {
                refusal = error
                errors = PeoplePagesController.messages(error)
            }
        }
        var draft: [String: String] = [:]
        if let text = form.leaderId { draft["leaderId"] = text }
        return try await refused(req, problemID: measure.problemID, state: .init(measureID: id, draft: draft, errors: errors), refusal: refusal)
    }

    /// The problem's page again, with the refused form's entries and messages.
    private func refused(_ req: Request, problemID: UUID, state: MeasureForms.State, refusal: RectifyError?) async throws -> Response {
        let response = try await ProblemPagesController().render(req, problemID: problemID, form: state).encodeResponse(for: req)
        response.refusedForm(refusal, otherwise: refusal?.status ?? .unprocessableEntity)
        return response
    }
}
