import Fluent
import RectifyCore
import Vapor

struct PublicFeedbackDTO: Content, Equatable {
    var id: UUID
    var inspectionId: UUID?
    var channel: String
    var text: String
    var contact: String?
    var state: FeedbackState
    var stateLabel: String
    var reply: String?
    var repliedAt: Date?
    var createdAt: Date?
    var version: Int
}

/// Opinions from the public on a published report: anyone may send one; the office handles them.
struct PublicFeedbackResource: LedgerResource {
    typealias M = PublicFeedback
    static let channels = ["web", "phone", "letter", "email", "visit"]

    struct CreateInput: Decodable, Sendable {
        var inspectionId: UUID?
        var channel: String?
        var text: String?
        var contact: String?
        /// The publication an anonymous opinion is about, found by `prepareAnonymous`; never decoded.
        var publicationId: UUID?

        enum CodingKeys: String, CodingKey { case inspectionId, channel, text, contact }
    }

    struct UpdateInput: Decodable, Sendable, VersionedInput {
        var state: FeedbackState?
        var reply: String?
        var version: Int?
    }

    static let path = "public-feedback"
    static let entity = "public_feedback"
    static let label = "群众意见"
    static let readAccess = Access.ledgerReaders
    static let writeAccess = Access.ledgerWriters
    static let publicCreate = true
    static let filters: [ResourceFilter<PublicFeedback>] = [
        .optionalUUID("inspectionId", "巡察轮次", \.$inspectionID),
        .text("state", "办理状态", \.$state, allowed: FeedbackState.allCases.map(\.rawValue)),
    ]
    static let sorts: [String: ResourceSort<PublicFeedback>] = ["createdAt": .timestamp(\.$createdAt)]
    static let defaultSort = ResourceSort<PublicFeedback>.timestamp(\.$createdAt)
    static let schema = ResourceSchema(
        name: "PublicFeedback",
        dto: [req("id", .uuid), opt("inspectionId", .uuid), req("channel", .enumeration(channels), "来源渠道"), req("text", .string),
              opt("contact", .string), req("state", .enumeration(FeedbackState.allCases.map(\.rawValue))), req("stateLabel", .string),
              opt("reply", .string), opt("repliedAt", .dateTime), opt("createdAt", .dateTime), req("version", .integer)],
        create: [req("inspectionId", .uuid, "所涉巡察轮次；公众提交时须为已公开整改报告的轮次"), opt("channel", .enumeration(channels), "公众提交时固定为 web"), req("text", .string),
                 opt("contact", .string, "联系方式（选填）")],
        update: [opt("state", .enumeration(FeedbackState.allCases.map(\.rawValue))), opt("reply", .string), opt("version", .integer)])

    static func scope(_ query: QueryBuilder<PublicFeedback>, _ access: AccessContext, on db: Database) async throws {
        if let ids = access.inspectionIDs { query.filter(\.$inspectionID ~~ ids.map(Optional.some)) }
    }

    static func authorizeWrite(_ model: PublicFeedback, _ access: AccessContext, on db: Database) async throws {}

    static func make(_ input: CreateInput, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws -> PublicFeedback {
        var v = FieldValidator()
        let text = v.text(input.text, field: "text", label: "意见内容", max: 5000)
        let contact = v.text(input.contact, field: "contact", label: "联系方式", required: false, max: 200)
        if let channel = input.channel, !channels.contains(channel) {
            v.add("channel", "invalid_value", "来源渠道应为：\(channels.joined(separator: "、"))")
        }
        if input.inspectionId == nil { v.add("inspectionId", "required", "请指定意见所涉的巡察轮次") }
        try v.check()
        let f = PublicFeedback()
        if access.isGuest {
            guard let publication = input.publicationId else { throw RectifyError.unauthenticated }
            f.publicationID = publication
        } else if let id = input.inspectionId {
            _ = try await Lookup.inspection(id, field: "inspectionId", access: access, on: db)
        }
        f.inspectionID = input.inspectionId
        // The public may only use the web form; other channels are recorded by the office.
        f.channel = access.isGuest ? "web" : (input.channel ?? "web")
        f.text = text!
        f.contact = contact
        f.state = FeedbackState.received.rawValue
        return f
    }

    static func prepareAnonymous(_ input: CreateInput, on db: Database) async throws -> (input: CreateInput, round: UUID) {
        let publication = try await publication(of: input, on: db)
        var input = input
        input.publicationId = try publication.requireID()
        return (input, publication.inspectionID)
    }

    /// The round's latest publication that is not withdrawn: the public writes only about a published report.
    private static func publication(of input: CreateInput, on db: Database) async throws -> Publication {
        guard let id = input.inspectionId else {
            throw RectifyError.invalid("inspectionId", "required", "请指定意见所涉的巡察轮次")
        }
        guard let publication = try await Publication.query(on: db).filter(\.$inspectionID == id).filter(\.$withdrawn == false)
            .sort(\.$createdAt, .descending).field(\.$id).field(\.$inspectionID).first() else {
            throw RectifyError.invalid("inspectionId", "not_published", "该巡察轮次的整改报告尚未公开，不能提交意见")
        }
        return publication
    }

    static func apply(_ input: UpdateInput, to f: PublicFeedback, _ access: AccessContext, on db: Database, audit: AuditTrail) async throws {
        let current = FeedbackState(rawValue: f.state) ?? .received
        if let next = input.state, next != current {
            guard current.allowedNext.contains(next) else {
                throw RectifyError.illegalTransition(field: "state", from: current.label, to: next.label)
            }
            if next == .replied, input.reply.nonBlank == nil, f.reply == nil {
                throw RectifyError.invalid("reply", "required", "答复时须填写答复内容")
            }
            f.state = next.rawValue
        }
        if let reply = input.reply.nonBlank {
            f.reply = reply
            f.repliedAt = access.now
        }
    }

    static func dtos(_ models: [PublicFeedback], on db: Database) async throws -> [PublicFeedbackDTO] {
        try models.map { f in
            let state = FeedbackState(rawValue: f.state) ?? .received
            return PublicFeedbackDTO(id: try f.requireID(), inspectionId: f.inspectionID, channel: f.channel, text: f.text,
                                     contact: f.contact, state: state, stateLabel: state.label, reply: f.reply,
                                     repliedAt: f.repliedAt, createdAt: f.createdAt, version: f.version)
        }
    }

    static func version(of model: PublicFeedback) -> Int { model.version }
    static func setVersion(_ version: Int, of model: PublicFeedback) { model.version = version }
}
