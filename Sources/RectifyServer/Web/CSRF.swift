import Crypto
import Vapor

/// Cross-site request forgery protection for the pages: every form carries a token kept in the
/// session, and every page POST must return it.
enum CSRF {
    static let sessionKey = "csrf"
    static let field = "_csrf"

    /// The session's token, created on first use.
    static func token(for req: Request) -> String {
        // A page fetched with a bearer token and no session cookie is a script, not a browser
        // form: it gets no token, so no session row is written for it.
        if req.headers.bearerAuthorization != nil && !req.hasSession { return "" }
        if let token = req.session.data[sessionKey] { return token }
        let token = [UInt8].random(count: 24).base64URL
        req.session.data[sessionKey] = token
        return token
    }

    /// A page write's token: the `X-CSRF-Token` header, else the form's `_csrf` field. A form body
    /// that has not arrived whole (uploads beyond the first read, ~16 KB) is collected here, within the
    /// route's own size limit, before the route would collect it anyway.
    static func verify(_ req: Request) async throws {
        guard let expected = expected(req) else { throw refusal }
        var sent = req.headers.first(name: "X-CSRF-Token")
        if sent == nil, isForm(req) {
            if req.body.data == nil {
                let limit = req.route?.bodyLimit ?? req.application.routes.defaultMaxBodySize.value
                _ = try await req.body.collect(max: limit).get()
                try MultipartGuard.check(req)
            }
            struct Form: Decodable { var _csrf: String? }
            sent = (try? req.content.decode(Form.self))?._csrf
        }
        guard let sent, matches(sent, expected) else { throw refusal }
    }

    /// An API write signed in by the session cookie (not a bearer token) must be JSON, which another
    /// site cannot send without this server's consent (no CORS), or carry the page's token in
    /// `X-CSRF-Token`: a form, multipart or plain-text body from another page is refused.
    static func verifyAPI(_ req: Request) throws {
        guard req.headers.bearerAuthorization == nil, req.auth.has(User.self) else { return }
        if let type = req.headers.contentType, type.type.lowercased() == "application", type.subType.lowercased() == "json" { return }
        guard let expected = expected(req), let sent = req.headers.first(name: "X-CSRF-Token"), matches(sent, expected) else {
            throw RectifyError.forbidden("以登录会话调用接口时，写操作须以 JSON 提交或附带 X-CSRF-Token 请求头")
        }
    }

    /// The session's token, without creating one (a request without it cannot write).
    private static func expected(_ req: Request) -> String? {
        req.hasSession ? req.session.data[sessionKey] : nil
    }

    static var refusal: RectifyError { .forbidden("页面已过期或来源不明，请刷新页面后重新提交") }

    private static func isForm(_ req: Request) -> Bool {
        guard let type = req.headers.contentType else { return false }
        return type == .urlEncodedForm || type.type.lowercased() == "multipart"
    }

    /// Compares in time independent of where the strings differ.
    private static func matches(_ sent: String, _ expected: String) -> Bool {
        expected.utf8.count == sent.utf8.count && zip(expected.utf8, sent.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
    }
}

/// Checks the CSRF token on every page write, and the API writes a session cookie signs in.
struct CSRFMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard request.method != .GET && request.method != .HEAD else { return next.respond(to: request) }
        guard request.url.path.hasPrefix("/api/") else {
            return request.eventLoop.makeFutureWithTask { try await CSRF.verify(request) }.flatMap { next.respond(to: request) }
        }
        do {
            try CSRF.verifyAPI(request)
        } catch {
            return request.eventLoop.makeFailedFuture(error)
        }
        return next.respond(to: request)
    }
}

extension Array where Element == UInt8 {
    static func random(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    var base64URL: String {
        Data(self).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
