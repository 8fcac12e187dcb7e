import Vapor

/// Headers that keep browsers from framing, sniffing or running foreign script in Rectify's
/// pages. The outermost middleware, so error pages and static files carry them too.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// Pages load only Rectify's own CSS and JS (no CDN on an intranet), charts are inline SVG.
    static let contentSecurityPolicy = [
        "default-src 'self'", "img-src 'self' data:", "style-src 'self'", "script-src 'self'",
        "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ]
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        // Ledger pages and API answers are personal; shared caches and the back button must not keep them.
        if !response.headers.contains(name: .cacheControl), !request.url.path.hasPrefix("/public/"),
           !Self.isStaticFile(request.url.path) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }

    static func isStaticFile(_ path: String) -> Bool {
        path.hasSuffix(".css") || path.hasSuffix(".js") || path.hasSuffix(".png") || path.hasSuffix(".svg")
    }
}
