import Fluent
import RectifyCore
import Vapor

/// Import from the browser: upload a published report or a ledger workbook, preview what was read
/// and the check's findings, then confirm (or drop the draft).
struct ImportPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "import", access: .roles(Access.ledgerWriters), use: form)
        routes.endpoint(.POST, "import", "preview", access: .roles(Access.ledgerWriters), body: .collect(maxSize: "64mb"), heavy: true, use: preview)
        routes.endpoint(.POST, "import", "confirm", access: .roles(Access.ledgerWriters), heavy: true, use: confirm)
    }

    struct FormContext: Encodable { let frame: PageFrame; let rounds: [NoticePagesController.RoundOption]; let error: String? }
    struct FindingRow: Encodable { let severity: String; let message: String; let quote: String }
    struct PreviewContext: Encodable {
        let frame: PageFrame; let draftId: UUID; let name: String; let kind: String; let summary: [String]; let findings: [FindingRow]
        let unchecked: [FindingRow]
    }

    func rounds(_ req: Request) async throws -> [NoticePagesController.RoundOption] {
        let access = try await req.access()
        let query = Inspection.query(on: req.db)
        try await InspectionResource.scope(query, access, on: req.db)
        return try await query.sort(\.$feedbackDate, .descending).all().compactMap { r in r.id.map { .init(id: $0, title: r.title) } }
    }

    @Sendable
    func form(_ req: Request) async throws -> View {
        try await req.view.render("import", FormContext(frame: .make(req, title: "导入", current: "/import"), rounds: try await rounds(req), error: nil))
    }

    struct Upload: Content { var kind: String?; var inspectionId: UUID?; var file: File? }

    @Sendable
    func preview(_ req: Request) async throws -> Response {
        let access = try await req.access()
        let upload = try req.content.decode(Upload.self)
        func refuse(_ message: String) async throws -> Response {
            let view = try await req.view.render("import", FormContext(frame: .make(req, title: "导入", current: "/import"),
                                                                       rounds: try await rounds(req), error: message))
            let response = try await view.encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
        guard let file = upload.file, file.data.readableBytes > 0 else { return try await refuse("请选择要导入的文件") }
        let kind = upload.kind == "ledger" ? "ledger" : "report"
        let data = Data(buffer: file.data)
        var summary: [String] = []
        var findings: [FindingRow] = []
        var unchecked: [FindingRow] = []
        var inspection: Inspection?
        do {
            if kind == "ledger" {
                guard let id = upload.inspectionId else { return try await refuse("导入台账须选择巡察轮次") }
                let round = try await Lookup.inspection(id, field: "inspectionId", access: access, on: req.db)
                inspection = round
                let outcome = try await LedgerImport.run(data, inspection: round, dryRun: true,
                                                         limits: req.application.rectifyConfig.uploadLimits, actor: req.auditActor,
                                                         now: req.application.clock.now(), on: req.db)
                summary = ["具体问题\(outcome.problems)个，整改措施\(outcome.measures)项，导入到“\(round.title)”"]
                if !outcome.newUnits.isEmpty { summary.append("将新建单位：\(outcome.newUnits.joined(separator: "、"))") }
                if !outcome.newPeople.isEmpty { summary.append("将新建人员：\(outcome.newPeople.joined(separator: "、"))") }
            } else {
                let (report, checked) = try await ReportImport.read(data, fileName: file.filename,
                                                                    limits: req.application.rectifyConfig.uploadLimits)
                summary = ["\(report.round.inspectingGroup ?? "")对\(report.round.inspectedBody ?? "")的巡察",
                           "读出具体问题\(report.problems.count)个，整改措施\(report.measureCount)条"]
                findings = checked.findings.map { FindingRow(severity: $0.severity.label, message: $0.message, quote: $0.quote?.text ?? "") }
                unchecked = checked.unchecked.map { FindingRow(severity: "未能核对", message: $0.message, quote: $0.quote?.text ?? "") }
            }
        } catch let error as RectifyError {
            return try await refuse(error.fields.map(\.message).joined(separator: "；").isEmpty ? error.reason
                                    : error.fields.map(\.message).joined(separator: "；"))
        }
        let userID = access.userID
        let inspectionID = inspection?.id
        let name = file.filename
        let draft = try await req.write { db, audit in
            let draft = ImportDraft()
            draft.userID = userID
            draft.kind = kind
            draft.name = name
            draft.inspectionID = inspectionID
            draft.data = data
            try await draft.create(on: db)
            try await audit.record("upload", entity: "import_draft", id: try draft.requireID().uuidString,
                                   after: ["kind": kind, "name": name])
            return try draft.requireID()
        }
        return try await req.view.render("import-preview", PreviewContext(
            frame: .make(req, title: "导入预览", current: "/import"), draftId: draft, name: name,
            kind: kind == "ledger" ? "整改台账" : "整改进展报告", summary: summary, findings: findings, unchecked: unchecked)).encodeResponse(for: req)
    }

    struct Confirm: Content { var draftId: UUID?; var decision: String? }

    @Sendable
    func confirm(_ req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(Confirm.self)
        guard let id = form.draftId, let draft = try await ImportDraft.find(id, on: req.db), draft.userID == access.userID else {
            throw RectifyError.notFound("导入草稿")
        }
        var destination = "/import"
        if form.decision == "import" {
            if draft.kind == "ledger", let roundID = draft.inspectionID {
                let round = try await Lookup.inspection(roundID, field: "inspectionId", access: access, on: req.db)
                _ = try await LedgerImport.run(draft.data, inspection: round, dryRun: false,
                                               limits: req.application.rectifyConfig.uploadLimits, actor: req.auditActor,
                                               now: req.application.clock.now(), on: req.db)
                destination = "/board?inspectionId=\(roundID)"
            } else {
                let outcome = try await ReportImport.run(draft.data, fileName: draft.name, dryRun: false, inspectedBodyID: access.bodyID,
                                                         title: nil, limits: req.application.rectifyConfig.uploadLimits, on: req.db, actor: req.auditActor, now: req.application.clock.now())
                destination = outcome.imported.map { "/board?inspectionId=\($0.inspectionId)" } ?? "/board"
            }
        }
        try await req.write { db, audit in
            try await ImportDraft.query(on: db).filter(\.$id == id).delete()
            try await audit.record("discard", entity: "import_draft", id: id.uuidString, after: ["decision": form.decision ?? "cancel"])
        }
        return req.redirect(to: destination, redirectType: .normal)
    }
}
