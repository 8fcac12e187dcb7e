import Leaf
import RectifyCore
import Vapor

/// Turns any error into JSON for the API and a page for browsers, keeping the status.
/// Decoding errors become 400 (malformed JSON) or 422 (a field of the wrong type or missing),
/// never 500.
struct RectifyErrorMiddleware: Middleware {
    let environment: Environment

    /// A task only for an error (its page is rendered asynchronously); a request that succeeds passes through.
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let response: EventLoopFuture<Response>
        do {
            try MultipartGuard.check(request)
            response = next.respond(to: request)
        } catch {
            response = request.eventLoop.makeFailedFuture(error)
        }
        return response.flatMapError { error in
            request.eventLoop.makeFutureWithTask { try await self.respond(to: request, failedWith: error) }
        }
    }

    private func respond(to request: Request, failedWith error: any Error) async throws -> Response {
        let (status, body) = Self.describe(error, request: request)
        if status == .internalServerError {
            request.logger.report(error: error)
        }
        let wantsPage = !request.url.path.hasPrefix("/api/")
            && (request.headers.accept.mediaTypes.contains(.html))
        if wantsPage, status == .unauthorized, request.method == .GET {
            let next = request.url.string.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return request.redirect(to: "/login?next=\(next)")
        }
        let extra = (error as? RectifyError)?.headers ?? [:]
        if wantsPage, let page = try? await renderPage(request, status: status, body: body) {
            for (name, value) in extra { page.headers.replaceOrAdd(name: name, value: value) }
            return page
        }
        let response = Response(status: status)
        try response.content.encode(ErrorResponse(error: body), as: .json)
        for (name, value) in extra { response.headers.replaceOrAdd(name: name, value: value) }
        if status == .unauthorized {
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
        }
        return response
    }

    private func renderPage(_ request: Request, status: HTTPResponseStatus, body: ErrorResponse.Body) async throws -> Response {
        struct Context: Encodable { let status: UInt; let title: String; let message: String; let fields: [FieldIssue] }
        let view = try await request.view.render("error", Context(
            status: status.code, title: status.code == 404 ? "页面不存在" : "出错了",
            message: body.message, fields: body.fields))
        let response = try await view.encodeResponse(for: request)
        response.status = status
        return response
    }

    static func describe(_ error: any Error, request: Request) -> (HTTPResponseStatus, ErrorResponse.Body) {
        switch error {
        case let error as RectifyError:
            return (error.status, .init(code: error.code, message: error.reason, fields: error.fields))
        case let error as UploadLimitExceeded:
            return describe(RectifyError.uploadLimit(error), request: request)
        case let error as DecodingError:
            return describe(decoding: error)
        // MultipartKit's parser throws a private error type for a malformed body (e.g. only the closing
        // boundary); it is the client's input, not a server fault.
        case _ where String(reflecting: type(of: error)).hasPrefix("MultipartKit."):
            return (.badRequest, .init(code: "malformed_multipart", message: "上传内容不是有效的 multipart/form-data 格式", fields: []))
        case let error as AbortError:
            let message: String
            switch error.status {
            case .notFound: message = "请求的地址不存在"
            case .unauthorized: message = "请先登录"
            case .forbidden: message = "无权访问"
            case .payloadTooLarge: message = "上传内容超过大小限制"
            case .unsupportedMediaType: message = "不支持的内容类型，请以 JSON 提交"
            case .badRequest: message = "请求格式错误：\(error.reason)"
            case .methodNotAllowed: message = "不支持该请求方法"
            default: message = error.reason
            }
            return (error.status, .init(code: codeFor(error.status), message: message, fields: []))
        default:
            return (.internalServerError, .init(code: "internal_error", message: "服务器内部错误，请稍后重试或联系管理员", fields: []))
        }
    }

    private static func codeFor(_ status: HTTPResponseStatus) -> String {
        switch status {
        case .notFound: "not_found"
        case .unauthorized: "unauthenticated"
        case .forbidden: "forbidden"
        case .payloadTooLarge: "payload_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .methodNotAllowed: "method_not_allowed"
        default: "bad_request"
        }
    }

    private static func path(_ context: DecodingError.Context, extra: CodingKey? = nil) -> String {
        let keys = context.codingPath + (extra.map { [$0] } ?? [])
        return keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    static func describe(decoding error: DecodingError) -> (HTTPResponseStatus, ErrorResponse.Body) {
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context, extra: key)
            return (.unprocessableEntity, .init(code: "validation_failed", message: "缺少必填字段 \(field)",
                fields: [FieldIssue(field: field, code: "required", message: "该字段为必填项")]))
        case .valueNotFound(_, let context):
            let field = path(context)
            return (.unprocessableEntity, .init(code: "validation_failed", message: "字段 \(field) 不能为空",
                fields: [FieldIssue(field: field, code: "required", message: "该字段不能为空")]))
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return (.badRequest, .init(code: "malformed_json", message: "请求内容应为 JSON 对象", fields: []))
        case .typeMismatch(let type, let context):
            let field = path(context)
            let expected = "\(type)".contains("Int") || "\(type)".contains("Double") ? "数字"
                : "\(type)".contains("Bool") ? "true 或 false" : "\(type)".contains("Array") ? "数组" : "文本"
            return (.unprocessableEntity, .init(code: "validation_failed", message: "字段 \(field) 应为\(expected)",
                fields: [FieldIssue(field: field, code: "type_mismatch", message: "应为\(expected)")]))
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return (.badRequest, .init(code: "malformed_json", message: "请求内容不是有效的 JSON", fields: []))
            }
            let field = path(context)
            return (.unprocessableEntity, .init(code: "validation_failed", message: "字段 \(field) 的值无效",
                fields: [FieldIssue(field: field, code: "invalid_value", message: "取值无效，请从允许的选项中选择")]))
        @unknown default:
            return (.badRequest, .init(code: "malformed_json", message: "请求内容无法解析", fields: []))
        }
    }
}
