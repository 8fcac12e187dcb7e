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

    static func verify(_ req: Request) throws {
        struct Form: Decodable { var _csrf: String? }
        let sent = (try? req.content.decode(Form.self))?._csrf ?? req.headers.first(name: "X-CSRF-Token")
        guard let expected = req.hasSession ? req.session.data[sessionKey] : nil, let sent,
              expected.utf8.count == sent.utf8.count,
              zip(expected.utf8, sent.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else {
            throw RectifyError.forbidden("页面已过期或来源不明，请刷新页面后重新提交")
        }
    }
}

/// Checks the CSRF token on every page write (the API uses bearer tokens or JSON bodies instead).
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method != .GET && request.method != .HEAD && !request.url.path.hasPrefix("/api/") {
            try CSRF.verify(request)
        }
        return try await next.respond(to: request)
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
