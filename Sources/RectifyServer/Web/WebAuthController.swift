import Fluent
import RectifyCore
import Vapor

/// Sign-in and sign-out for the pages (a session cookie; the API also accepts bearer tokens).
struct WebAuthController: RouteCollection {
    struct LoginForm: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    struct LoginPage: Encodable {
        let frame: PageFrame
        let username: String
        let error: String?
        let next: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "login", access: .anyone, use: page)
        routes.endpoint(.POST, "login", access: .anyone, use: login)
        routes.endpoint(.POST, "logout", access: .roles(Access.everyone), use: logout)
        routes.endpoint(.GET, access: .anyone, use: home)
    }

    /// Only local paths are followed after sign-in, so a link cannot send the user elsewhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/board" }
        return next
    }

    @Sendable
    func home(_ req: Request) async throws -> Response {
        req.redirect(to: req.auth.has(User.self) ? "/board" : "/login")
    }

    @Sendable
    func page(_ req: Request) async throws -> View {
        try await req.view.render("login", LoginPage(frame: .make(req, title: "登录", current: "/login"), username: "",
                                                     error: nil, next: Self.safeNext(req.query[String.self, at: "next"])))
    }

    @Sendable
    func login(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let username = form.username?.trimmingCharacters(in: .whitespaces) ?? ""
        let next = Self.safeNext(form.next)
        if let user = try await User.query(on: req.db).filter(\.$username == username).first(), user.active,
           try await req.application.credentials.verify(password: form.password ?? "", hash: user.passwordHash, on: req.application) {
            try await req.startSession(for: user)
            return req.redirect(to: next, redirectType: .normal)
        }
        let view = try await req.view.render("login", LoginPage(frame: .make(req, title: "登录", current: "/login"),
                                                                username: username, error: "用户名或密码错误", next: next))
        let response = try await view.encodeResponse(for: req)
        response.status = .unauthorized
        return response
    }

    @Sendable
    func logout(_ req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: "/login", redirectType: .normal)
    }
}
