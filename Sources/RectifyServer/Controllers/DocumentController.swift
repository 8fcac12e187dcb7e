import Fluent
import Foundation
import RectifyCore
import Vapor

/// Downloads of the official documents (Word, GB/T 9704 layout) and the ledger workbook (Excel).
struct DocumentController: RouteCollection {
    static let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    static let operations: [APIOperation] = [
        APIOperation(method: "GET", path: "/documents/public-report", summary: "整改进展情况公开报告（Word）",
                     access: .roles(Access.ledgerReaders), request: nil, response: .string, status: 200, responseMediaType: docx,
                     query: [("inspectionId", "巡察轮次（必填）"), ("asOf", "统计截至日期 YYYY-MM-DD，缺省为今天")]),
        APIOperation(method: "GET", path: "/documents/lists", summary: "问题、任务、责任三张清单（Word）",
                     access: .roles(Access.ledgerReaders), request: nil, response: .string, status: 200, responseMediaType: docx,
                     query: [("inspectionId", "巡察轮次（必填）")]),
        APIOperation(method: "GET", path: "/documents/ledger", summary: "整改台账（Excel）", access: .roles(Access.ledgerReaders),
                     request: nil, response: .string, status: 200, responseMediaType: xlsx, query: [("inspectionId", "巡察轮次（必填）")]),
        APIOperation(method: "GET", path: "/bulletins/{id}/document", summary: "周通报（Word）", access: .roles(Access.ledgerReaders),
                     request: nil, response: .string, status: 200, responseMediaType: docx),
        APIOperation(method: "GET", path: "/reminder-notices/{id}/document", summary: "督办提示（Word）", access: .roles(Access.everyone),
                     request: nil, response: .string, status: 200, responseMediaType: docx),
        APIOperation(method: "GET", path: "/problems/{id}/close-out-slip", summary: "对账销号单（Word）", access: .roles(Access.everyone),
                     request: nil, response: .string, status: 200, responseMediaType: docx),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "documents", "public-report", access: .roles(Access.ledgerReaders), heavy: true, use: publicReport)
        routes.endpoint(.GET, "documents", "lists", access: .roles(Access.ledgerReaders), heavy: true, use: lists)
        routes.endpoint(.GET, "documents", "ledger", access: .roles(Access.ledgerReaders), heavy: true, use: ledger)
        routes.endpoint(.GET, "bulletins", ":id", "document", access: .roles(Access.ledgerReaders), heavy: true, use: bulletin)
        routes.endpoint(.GET, "reminder-notices", ":id", "document", access: .roles(Access.everyone), heavy: true, use: notice)
        routes.endpoint(.GET, "problems", ":id", "close-out-slip", access: .roles(Access.everyone), heavy: true, use: slip)
    }

    static func download(_ file: OfficeDocuments.File, type: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type)
        let encoded = file.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "document"
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename*=UTF-8''\(encoded)")
        return Response(status: .ok, headers: headers, body: .init(data: file.data))
    }

    func inspection(_ req: Request, _ access: AccessContext) async throws -> Inspection {
        guard let text = req.query[String.self, at: "inspectionId"].nonBlank else {
            throw RectifyError.invalid("inspectionId", "required", "请指定巡察轮次（inspectionId）")
        }
        return try await Lookup.inspection(try ResourceFilter<Inspection>.parseUUID(text, "inspectionId"),
                                           field: "inspectionId", access: access, on: req.db)
    }

    @Sendable
    func publicReport(_ req: Request) async throws -> Response {
        let access = try await req.access()
        let round = try await inspection(req, access)
        var day = access.today
        if let text = req.query[String.self, at: "asOf"].nonBlank {
            guard let parsed = Day(iso: text) else { throw RectifyError.invalid("asOf", "invalid_date", "截至日期应为 YYYY-MM-DD") }
            day = parsed
        }
        return Self.download(try await OfficeDocuments.publicReport(round, asOf: day, on: req.db), type: Self.docx)
    }

    @Sendable
    func lists(_ req: Request) async throws -> Response {
        let access = try await req.access()
        return Self.download(try await OfficeDocuments.lists(try await inspection(req, access), today: access.today, on: req.db),
                             type: Self.docx)
    }

    @Sendable
    func ledger(_ req: Request) async throws -> Response {
        let access = try await req.access()
        let round = try await inspection(req, access)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-ledger-\(UUID().uuidString).xlsx")
        _ = try await OfficeDocuments.ledger(round, to: url, on: req.db)
        let response = try await req.fileio.asyncStreamFile(at: url.path, mediaType: HTTPMediaType(type: "application",
            subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")) { _ in
            try? FileManager.default.removeItem(at: url)
        }
        let encoded = "\(round.title)整改台账.xlsx".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "ledger.xlsx"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename*=UTF-8''\(encoded)")
        return response
    }

    @Sendable
    func bulletin(_ req: Request) async throws -> Response {
        let access = try await req.access()
        guard let id = req.parameters.get("id", as: UUID.self), let row = try await Bulletin.find(id, on: req.db),
              access.canSee(inspection: row.inspectionID) else { throw RectifyError.notFound("周通报") }
        return Self.download(try await OfficeDocuments.bulletin(row, on: req.db), type: Self.docx)
    }

    @Sendable
    func notice(_ req: Request) async throws -> Response {
        let access = try await req.access()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound("督办提示") }
        let query = ReminderNotice.query(on: req.db).filter(\.$id == id)
        try await ReminderNoticeResource.scope(query, access, on: req.db)
        guard let row = try await query.first() else { throw RectifyError.notFound("督办提示") }
        return Self.download(try await OfficeDocuments.notice(row, access: access, on: req.db), type: Self.docx)
    }

    @Sendable
    func slip(_ req: Request) async throws -> Response {
        let access = try await req.access()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound("问题") }
        let query = Problem.query(on: req.db).filter(\.$id == id)
        try await ProblemResource.scope(query, access, on: req.db)
        guard let problem = try await query.first() else { throw RectifyError.notFound("问题") }
        return Self.download(try await OfficeDocuments.slip(problem, access: access, on: req.db), type: Self.docx)
    }
}
