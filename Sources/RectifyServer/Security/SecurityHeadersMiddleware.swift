import Vapor

/// Headers that keep browsers from framing, sniffing or running foreign script in Rectify's
/// pages. The outermost middleware, so error pages and static files carry them too.
struct SecurityHeadersMiddleware: Middleware {
    /// Pages load only Rectify's own CSS and JS (no CDN on an intranet), charts are inline SVG.
    static let contentSecurityPolicy = [
        "default-src 'self'", "img-src 'self' data:", "style-src 'self'", "script-src 'self'",
        "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    static let headers = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ]

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).map { response in
            for (name, value) in Self.headers where !response.headers.contains(name: name) {
                response.headers.replaceOrAdd(name: name, value: value)
            }
            // Ledger pages and API answers are personal; shared caches and the back button must not keep them.
            if !response.headers.contains(name: .cacheControl), !request.url.path.hasPrefix("/public/"),
               !Self.isStaticFile(request.url.path) {
                response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            }
            return response
        }
    }

    static func isStaticFile(_ path: String) -> Bool {
        path.hasSuffix(".css") || path.hasSuffix(".js") || path.hasSuffix(".png") || path.hasSuffix(".svg")
    }
}

/// Rectify's stylesheet and script, served from the bundle; every other path goes on without a look
/// at the disk (Vapor's `FileMiddleware` tried a file for each API request and page).
struct StaticFilesMiddleware: Middleware {
    let files: FileMiddleware

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard SecurityHeadersMiddleware.isStaticFile(request.url.path) else { return next.respond(to: request) }
        return files.respond(to: request, chainingTo: next)
    }
}
