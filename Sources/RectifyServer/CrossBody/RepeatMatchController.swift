import Fluent
import Foundation
import RectifyCore
import Vapor

/// Repeated problems (屡查屡犯): suggestions computed on demand by the supervisor, listed with both
/// texts and the earlier close-out, and confirmed or dismissed by the supervisor. An office or a
/// leader reads its own body's matches and decides none.
struct RepeatMatchController: RouteCollection {
    struct ScanInput: Content {
        var bodyId: UUID?
        /// A number or its text ("0.55", "55"), as a script or a form may send it.
        var threshold: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            bodyId = try container.decodeIfPresent(UUID.self, forKey: .bodyId)
            if let number = try? container.decodeIfPresent(Double.self, forKey: .threshold) {
                threshold = String(number)
            } else {
                threshold = try container.decodeIfPresent(String.self, forKey: .threshold)
            }
        }
    }
    struct DecisionInput: Content { var version: Int? }
    struct ScanOutcome: Content { var bodies: Int; var problems: Int; var suggested: Int; var capped: Bool; var message: String }

    static let unknownBodyMessage = "所选被巡察单位不存在"

    static let operations: [APIOperation] = [
        APIOperation(method: "GET", path: "/repeat-matches", summary: "屡查屡犯：本轮问题与此前轮次表述相似的问题", access: .roles(Access.ledgerReaders),
                     request: nil, response: .object([req("items", .array(RepeatMatchDTO.schema)), req("page", .integer), req("per", .integer),
                                                      req("total", .integer)]), status: 200,
                     query: [("bodyId", "被巡察单位（整改办、领导只见本单位）"), ("state", "suggested / confirmed / dismissed"),
                             ("inspectionId", "本轮巡察轮次"), ("page", "页码"), ("per", "每页条数")]),
        APIOperation(method: "POST", path: "/repeat-matches/scan", summary: "比对屡查屡犯（新增疑似匹配，已有的不变）",
                     access: .roles(Access.auditReaders),
                     request: .object([opt("bodyId", .uuid, "缺省为全部被巡察单位"), opt("threshold", .string, "相似度阈值 0.30–0.90（数字或文本），缺省 0.50")]),
                     response: .object([req("bodies", .integer), req("problems", .integer), req("suggested", .integer, "新增疑似匹配数"),
                                        req("capped", .boolean), req("message", .string)]), status: 200),
        APIOperation(method: "POST", path: "/repeat-matches/{id}/confirm", summary: "认定为屡查屡犯", access: .roles(Access.auditReaders),
                     request: .object([opt("version", .integer, "或以 If-Match 请求头给出")]), response: RepeatMatchDTO.schema, status: 200),
        APIOperation(method: "POST", path: "/repeat-matches/{id}/dismiss", summary: "排除屡查屡犯匹配", access: .roles(Access.auditReaders),
                     request: .object([opt("version", .integer, "或以 If-Match 请求头给出")]), response: RepeatMatchDTO.schema, status: 200),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "repeat-matches", access: .roles(Access.ledgerReaders), use: list)
        routes.endpoint(.POST, "repeat-matches", "scan", access: .roles(Access.auditReaders), heavy: true, use: scan)
        routes.endpoint(.POST, "repeat-matches", ":id", "confirm", access: .roles(Access.auditReaders)) { req in
            try await self.decide(req, .confirmed)
        }
        routes.endpoint(.POST, "repeat-matches", ":id", "dismiss", access: .roles(Access.auditReaders)) { req in
            try await self.decide(req, .dismissed)
        }
    }

    /// The matches a user reads, filtered as asked: by the rounds the user sees, as every ledger list
    /// is (an office's and a leader's are their body's; none without a unit).
    static func query(_ req: Request, _ access: AccessContext) throws -> QueryBuilder<RepeatMatch> {
        let query = RepeatMatch.query(on: req.db)
        if let rounds = access.inspectionIDs {
            query.filter(\.$newInspectionID ~~ Array(rounds))
        }
        if let id = req.query[String.self, at: "bodyId"].nonBlank {
            query.filter(\.$bodyID == (try ResourceFilter<RepeatMatch>.parseUUID(id, "bodyId")))
        }
        if let id = req.query[String.self, at: "inspectionId"].nonBlank {
            query.filter(\.$newInspectionID == (try ResourceFilter<RepeatMatch>.parseUUID(id, "inspectionId")))
        }
        if let text = req.query[String.self, at: "state"].nonBlank {
            guard let state = RepeatMatchState(rawValue: text) else {
                throw RectifyError.invalid("state", "invalid_value", "参数 state 的取值应为：suggested、confirmed、dismissed")
            }
            query.filter(\.$state == state.rawValue)
        }
        return query
    }

    @Sendable
    func list(_ req: Request) async throws -> Page<RepeatMatchDTO> {
        let access = try await req.access()
        let params = try ListParameters.from(req)
        let query = try Self.query(req, access)
        let total = try await query.copy().count()
        let rows = try await query.sort(\.$similarity, .descending).sort(\.$id).page(params).all()
        return Page(items: try await RepeatMatchListing.dtos(rows, on: req.db), page: params.page, per: params.per, total: total)
    }

    @Sendable
    func scan(_ req: Request) async throws -> ScanOutcome {
        let input = try req.content.decode(ScanInput.self)
        var threshold = SimilarityThreshold.default
        if let given = input.threshold.nonBlank {
            guard let parsed = SimilarityThreshold.parse(given) else {
                throw RectifyError.invalid("threshold", "out_of_range", SimilarityThreshold.rangeMessage)
            }
            threshold = parsed
        }
        if let body = input.bodyId {
            guard try await RepeatMatchScan.isInspectedBody(body, on: req.db) else {
                throw RectifyError.invalid("bodyId", "unknown_reference", Self.unknownBodyMessage)
            }
        }
        let outcome = try await RepeatMatchScan.run(body: input.bodyId, threshold: threshold, actor: req.auditActor,
                                                    now: req.application.clock.now(), on: req.db)
        return ScanOutcome(bodies: outcome.bodies, problems: outcome.problems, suggested: outcome.suggested, capped: outcome.capped,
                           message: outcome.message)
    }

    /// The version is the `If-Match` header's, as for every other write, or the body's `version`.
    func decide(_ req: Request, _ state: RepeatMatchState) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw RectifyError.notFound("屡查屡犯匹配") }
        let body = req.body.data.map { $0.readableBytes > 0 } == true ? try req.content.decode(DecisionInput.self) : nil
        let version = try req.expectedVersion(body?.version)
        let match = try await RepeatMatchDecision.decide(id, to: state, version: version, actor: req.auditActor,
                                                         now: req.application.clock.now(), on: req.db)
        guard let dto = try await RepeatMatchListing.dtos([match], on: req.db).first else { throw RectifyError.notFound("屡查屡犯匹配") }
        let response = Response(status: .ok)
        try response.content.encode(dto, as: .json)
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(match.version)\"")
        return response
    }
}
