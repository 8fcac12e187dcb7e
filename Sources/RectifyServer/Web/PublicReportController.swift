import Fluent
import Foundation
import NIOConcurrencyHelpers
import RectifyCore
import RectifyDocuments
import Vapor

/// Publishing a round's report, and the public pages: the published report as a printable page,
/// its Word document, and the feedback form. Nothing is public until an office user publishes it.
struct PublicReportController: RouteCollection {
    struct PublishInput: Content {
        var inspectionId: UUID?
        var asOf: String?
    }

    struct PublicationDTO: Content {
        var id: UUID
        var inspectionId: UUID
        var title: String
        var asOf: Day
        var publishedBy: String
        var publishedAt: Date?
        var url: String
    }

    static let operations: [APIOperation] = [
        APIOperation(method: "POST", path: "/publications", summary: "公布巡察整改进展情况（生成并固定公开报告）",
                     access: .roles(Access.ledgerWriters),
                     request: .object([req("inspectionId", .uuid), opt("asOf", .date, "统计截至日期，缺省为今天")]),
                     response: .object([req("id", .uuid), req("inspectionId", .uuid), req("title", .string), req("asOf", .date),
                                        req("publishedBy", .string), opt("publishedAt", .dateTime), req("url", .string, "公开页面地址")]),
                     status: 201),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1").endpoint(.POST, "publications", access: .roles(Access.ledgerWriters), heavy: true, use: publish)
        routes.endpoint(.GET, "public", "reports", ":id", access: .anyone, use: page)
        routes.endpoint(.GET, "public", "reports", ":id", "document", access: .anyone, use: document)
        routes.endpoint(.POST, "public", "reports", ":id", "feedback", access: .anyone, use: feedback)
    }

    static func paragraphs(of document: OfficialDocument) -> [PublishedParagraph] {
        var out = document.printedTitleLines.map { PublishedParagraph(kind: "title", text: $0) }
        for block in document.blocks {
            switch block {
            case .heading1(let t): out.append(.init(kind: "h1", text: t))
            case .heading2(let t): out.append(.init(kind: "h2", text: t))
            case .heading3(let t), .heading4(let t): out.append(.init(kind: "h3", text: t))
            case .paragraph(let t): out.append(.init(kind: "p", text: t))
            case .leadParagraph(let lead, let text): out.append(.init(kind: "lead", text: lead + "\u{1F}" + text))
            case .table(let table): out += table.rows.map { .init(kind: "p", text: $0.joined(separator: "　")) }
            case .pageBreak: break
            }
        }
        if let issuer = document.issuer { out.append(.init(kind: "issuer", text: issuer)) }
        if let date = document.date { out.append(.init(kind: "date", text: date.chinese)) }
        return out
    }

    @Sendable
    func publish(_ req: Request) async throws -> Response {
        let access = try await req.access()
        let input = try req.content.decode(PublishInput.self)
        guard let inspectionID = input.inspectionId else { throw RectifyError.invalid("inspectionId", "required", "巡察轮次不能为空") }
        var day = access.today
        if let text = input.asOf.nonBlank {
            guard let parsed = Day(iso: text) else { throw RectifyError.invalid("asOf", "invalid_date", "截至日期应为 YYYY-MM-DD") }
            day = parsed
        }
        let inspection = try await Lookup.inspection(inspectionID, field: "inspectionId", access: access, on: req.db)
        let content = try await PublicReportComposer.compose(inspection, asOf: day, on: req.db)
        let document = content.makeDocument()
        let docx = try DocxWriter.write(document)
        let paragraphs = String(decoding: try JSONEncoder().encode(Self.paragraphs(of: document)), as: UTF8.self)
        let actor = req.auditActor
        let asOf = day
        let dto = try await req.write { db, audit in
            let p = Publication()
            p.inspectionID = inspectionID
            p.title = content.title
            p.asOf = asOf.iso
            p.paragraphs = paragraphs
            p.docx = docx
            p.publishedBy = actor.name
            p.withdrawn = false
            try await p.create(on: db)
            let id = try p.requireID()
            let dto = PublicationDTO(id: id, inspectionId: inspectionID, title: p.title, asOf: asOf, publishedBy: p.publishedBy,
                                     publishedAt: p.createdAt, url: "/public/reports/\(id)")
            try await audit.record("publish", entity: "publication", id: id.uuidString, after: dto)
            return dto
        }
        let response = Response(status: .created)
        try response.content.encode(dto, as: .json)
        return response
    }

    func published(_ req: Request) async throws -> Publication {
        guard let id = req.parameters.get("id", as: UUID.self), let p = try await Publication.find(id, on: req.db), !p.withdrawn else {
            throw RectifyError.notFound("公开报告")
        }
        return p
    }

    struct Paragraph: Encodable { let kind: String; let lead: String; let text: String }
    struct PageContext: Encodable {
        let frame: PageFrame; let id: UUID; let title: String; let paragraphs: [Paragraph]
        let sent: Bool; let error: String?; let text: String; let contact: String
    }

    func render(_ req: Request, _ p: Publication, sent: Bool, error: String?, text: String, contact: String) async throws -> View {
        let stored = (try? JSONDecoder().decode([PublishedParagraph].self, from: Data(p.paragraphs.utf8))) ?? []
        let paragraphs = stored.map { item -> Paragraph in
            let parts = item.text.split(separator: "\u{1F}", maxSplits: 1).map(String.init)
            return item.kind == "lead" ? Paragraph(kind: "lead", lead: parts.first ?? "", text: parts.count > 1 ? parts[1] : "")
                : Paragraph(kind: item.kind, lead: "", text: item.text)
        }
        return try await req.view.render("public-report", PageContext(
            frame: .make(req, title: p.title, current: ""), id: try p.requireID(), title: p.title, paragraphs: paragraphs,
            sent: sent, error: error, text: text, contact: contact))
    }

    @Sendable
    func page(_ req: Request) async throws -> View {
        try await render(req, try await published(req), sent: req.query[String.self, at: "sent"] != nil, error: nil, text: "", contact: "")
    }

    @Sendable
    func document(_ req: Request) async throws -> Response {
        let p = try await published(req)
        return DocumentController.download(.init(name: "\(p.title).docx", data: p.docx), type: DocumentController.docx)
    }

    struct FeedbackForm: Content { var text: String?; var contact: String? }

    @Sendable
    func feedback(_ req: Request) async throws -> Response {
        let p = try await published(req)
        let form = try req.content.decode(FeedbackForm.self)
        let text = form.text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let contact = form.contact?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var error: String?
        var refusal: RectifyError?
        if text.isEmpty { error = "请填写意见内容" } else if text.count > 2000 { error = "意见内容不能超过2000个字符" }
        else if contact.count > 100 { error = "联系方式不能超过100个字符" }
        else {
            // The same limit as the API's anonymous feedback, counted in the database for all servers.
            do {
                try await AnonymousWriteLimit.admit(req, round: p.inspectionID)
            } catch let limited as RectifyError {
                refusal = limited
                error = limited.reason
            }
        }
        if let error {
            let view = try await render(req, p, sent: false, error: error, text: text, contact: contact)
            let response = try await view.encodeResponse(for: req)
            response.status = refusal?.status ?? .unprocessableEntity
            for (name, value) in refusal?.headers ?? [:] { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        }
        let publicationID = try p.requireID()
        let inspectionID = p.inspectionID
        try await req.write { db, audit in
            let f = PublicFeedback()
            f.inspectionID = inspectionID
            f.publicationID = publicationID
            f.channel = "web"
            f.text = text
            f.contact = contact.isEmpty ? nil : contact
            f.state = FeedbackState.received.rawValue
            f.version = 1
            try await f.create(on: db)
            try await audit.record("create", entity: PublicFeedbackResource.entity, id: try f.requireID().uuidString,
                                   after: ["publicationId": publicationID.uuidString, "channel": "web"])
        }
        return req.redirect(to: "/public/reports/\(publicationID)?sent=1#feedback", redirectType: .normal)
    }
}
