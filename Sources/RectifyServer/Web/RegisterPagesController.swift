import Fluent
import RectifyCore
import Vapor

/// The registers of a round on one page: accountability, regulations, meetings and recovered funds,
/// each with its entries, their linked problems, and a form to add one (the office).
struct RegisterPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "registers", access: .roles(Access.ledgerReaders), use: page)
        routes.endpoint(.POST, "registers", ":kind", access: .roles(Access.ledgerWriters), use: add)
    }

    struct Option: Encodable { let value: String; let label: String }
    struct Entry: Encodable { let cells: [String]; let superseded: Bool }
    struct Context: Encodable {
        let frame: PageFrame; let roundId: UUID?; let rounds: [BoardController.Option]; let problems: [Option]
        let accountability: [Entry]; let regulations: [Entry]; let meetings: [Entry]; let funds: [Entry]
        let ranks: [Option]; let forms: [Option]; let meetingKinds: [Option]; let canAdd: Bool; let error: String?; let today: String
    }

    func render(_ req: Request, roundID: UUID?, error: String?) async throws -> View {
        let access = try await req.access()
        let roundsQuery = Inspection.query(on: req.db)
        try await InspectionResource.scope(roundsQuery, access, on: req.db)
        let rounds = try await roundsQuery.sort(\.$feedbackDate, .descending).all()
        let chosen = roundID ?? rounds.first?.id
        var context = Context(
            frame: .make(req, title: "登记簿", current: "/registers"), roundId: chosen,
            rounds: rounds.compactMap { r in r.id.map { .init(value: $0.uuidString, label: r.title, selected: $0 == chosen) } },
            problems: [], accountability: [], regulations: [], meetings: [], funds: [],
            ranks: CadreRank.allCases.map { Option(value: $0.rawValue, label: $0.label) },
            forms: AccountabilityForm.allCases.map { Option(value: $0.rawValue, label: $0.label) },
            meetingKinds: MeetingKind.allCases.map { Option(value: $0.rawValue, label: $0.label) },
            canAdd: Access.ledgerWriters.contains(access.role), error: error, today: access.today.iso)
        guard let chosen, access.canSee(inspection: chosen) else { return try await req.view.render("registers", context) }
        let problems = try await Problem.query(on: req.db).filter(\.$inspectionID == chosen).sort(\.$source).sort(\.$number).all()
        let labels = Dictionary(uniqueKeysWithValues: problems.compactMap { p in p.id.map { ($0, "\(p.label)\(p.title)") } })
        context = Context(
            frame: context.frame, roundId: chosen, rounds: context.rounds,
            problems: problems.compactMap { p in p.id.map { Option(value: $0.uuidString, label: labels[$0] ?? "") } },
            accountability: try await AccountabilityRecordResource.dtos(
                AccountabilityRecord.query(on: req.db).filter(\.$inspectionID == chosen).sort(\.$decidedOn).all(), on: req.db).map {
                Entry(cells: [$0.decidedOn.chinese, $0.personName, $0.rankLabel, $0.formLabel, $0.reason ?? "",
                              $0.problemIds.compactMap { labels[$0] }.joined(separator: "；")], superseded: $0.superseded)
            },
            regulations: try await RegulationResource.dtos(
                Regulation.query(on: req.db).filter(\.$inspectionID == chosen).sort(\.$issuedOn).all(), on: req.db).map {
                Entry(cells: [$0.issuedOn?.chinese ?? "", "《\($0.title)》", $0.documentNumber ?? "",
                              $0.problemIds.compactMap { labels[$0] }.joined(separator: "；")], superseded: $0.superseded)
            },
            meetings: try await MeetingResource.dtos(
                Meeting.query(on: req.db).filter(\.$inspectionID == chosen).sort(\.$heldOn).all(), on: req.db).map {
                Entry(cells: [$0.heldOn.chinese, $0.kindLabel, $0.title, $0.chair ?? "",
                              $0.problemIds.compactMap { labels[$0] }.joined(separator: "；")], superseded: $0.superseded)
            },
            funds: try await RecoveredFundResource.dtos(
                RecoveredFund.query(on: req.db).filter(\.$inspectionID == chosen).sort(\.$recordedOn).all(), on: req.db).map {
                Entry(cells: [$0.recordedOn.chinese, $0.amountText, $0.description, labels[$0.problemId] ?? ""], superseded: $0.superseded)
            },
            ranks: context.ranks, forms: context.forms, meetingKinds: context.meetingKinds, canAdd: context.canAdd, error: error,
            today: context.today)
        return try await req.view.render("registers", context)
    }

    @Sendable
    func page(_ req: Request) async throws -> View {
        try await render(req, roundID: req.query[String.self, at: "inspectionId"].flatMap(UUID.init(uuidString:)), error: nil)
    }

    struct Form: Content {
        var inspectionId: UUID?
        var problemIds: [UUID]?
        var problemId: UUID?
        var personName: String?; var rank: CadreRank?; var form: AccountabilityForm?; var decidedOn: String?; var reason: String?
        var title: String?; var documentNumber: String?; var issuedOn: String?; var issuer: String?
        var kind: MeetingKind?; var heldOn: String?; var chair: String?; var summary: String?
        var amount: String?; var description: String?; var recordedOn: String?
    }

    @Sendable
    func add(_ req: Request) async throws -> Response {
        let access = try await req.access()
        let f = try req.content.decode(Form.self)
        do {
            switch req.parameters.get("kind") {
            case "accountability":
                _ = try await ResourceController<AccountabilityRecordResource>.create(
                    .init(inspectionId: f.inspectionId, personName: f.personName, personId: nil, rank: f.rank, form: f.form,
                          decidedOn: f.decidedOn, reason: f.reason, problemIds: f.problemIds, supersedesId: nil), access: access, on: req)
            case "regulation":
                _ = try await ResourceController<RegulationResource>.create(
                    .init(inspectionId: f.inspectionId, title: f.title, documentNumber: f.documentNumber, issuedOn: f.issuedOn,
                          issuer: f.issuer, problemIds: f.problemIds, supersedesId: nil), access: access, on: req)
            case "meeting":
                _ = try await ResourceController<MeetingResource>.create(
                    .init(inspectionId: f.inspectionId, kind: f.kind, heldOn: f.heldOn, title: f.title, chair: f.chair,
                          summary: f.summary, problemIds: f.problemIds, supersedesId: nil), access: access, on: req)
            case "fund":
                _ = try await ResourceController<RecoveredFundResource>.create(
                    .init(problemId: f.problemId, amount: f.amount, description: f.description, recordedOn: f.recordedOn,
                          supersedesId: nil), access: access, on: req)
            default:
                throw RectifyError.notFound("登记簿")
            }
            return req.redirect(to: "/registers?inspectionId=\(f.inspectionId?.uuidString ?? "")", redirectType: .normal)
        } catch let error as RectifyError where error.status == .unprocessableEntity {
            let message = error.fields.map(\.message).joined(separator: "；")
            let view = try await render(req, roundID: f.inspectionId, error: message.isEmpty ? error.reason : message)
            let response = try await view.encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
    }
}
