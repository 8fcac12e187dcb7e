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
        // Control characters would split the Location header (header injection).
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              !next.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return "/board" }
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
        let refusal: RectifyError
        do {
            let user = try await LoginGate.verify(username: username, password: form.password ?? "", on: req)
            try await req.startSession(for: user)
            return req.redirect(to: next, redirectType: .normal)
        } catch let error as RectifyError {
            refusal = error
        }
        let view = try await req.view.render("login", LoginPage(frame: .make(req, title: "登录", current: "/login"),
                                                                username: username, error: refusal.reason, next: next))
        let response = try await view.encodeResponse(for: req)
        // Throttled or busy say so; every other refusal is a failed sign-in.
        response.refusedForm(refusal, otherwise: .unauthorized)
        return response
    }

    @Sendable
    func logout(_ req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: "/login", redirectType: .normal)
    }
}
