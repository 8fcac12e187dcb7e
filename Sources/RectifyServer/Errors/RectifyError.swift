import RectifyCore
import Vapor

/// Every error Rectify reports on purpose, with its HTTP status, a stable code and a Chinese message.
enum RectifyError: Error, AbortError, Sendable {
    case validation([FieldIssue])
    case notFound(String)
    case staleVersion(current: Int)
    case versionRequired
    case unauthenticated
    case forbidden(String)
    case badRequest(code: String, message: String)
    case illegalTransition(field: String, from: String, to: String)
    case conflict(code: String, message: String)
    case payloadTooLarge(limitBytes: Int)
    /// Sign-in refused for a while (address throttled or account locked); sent with Retry-After.
    case tooManyAttempts(retryAfterSeconds: Int, message: String)
    /// A write waited too long behind others (one stuck ahead of it); sent with Retry-After.
    case busy(retryAfterSeconds: Int)

    static func invalid(_ field: String, _ code: String, _ message: String) -> RectifyError {
        .validation([FieldIssue(field: field, code: code, message: message)])
    }

    var status: HTTPResponseStatus {
        switch self {
        case .validation, .illegalTransition: .unprocessableEntity
        case .notFound: .notFound
        case .staleVersion, .conflict: .conflict
        case .versionRequired: .preconditionRequired
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .badRequest: .badRequest
        case .payloadTooLarge: .payloadTooLarge
        case .tooManyAttempts: .tooManyRequests
        case .busy: .serviceUnavailable
        }
    }

    var code: String {
        switch self {
        case .validation: "validation_failed"
        case .notFound: "not_found"
        case .staleVersion: "stale_version"
        case .versionRequired: "version_required"
        case .unauthenticated: "unauthenticated"
        case .forbidden: "forbidden"
        case .badRequest(let code, _): code
        case .illegalTransition: "illegal_transition"
        case .conflict(let code, _): code
        case .payloadTooLarge: "payload_too_large"
        case .tooManyAttempts: "too_many_attempts"
        case .busy: "busy"
        }
    }

    var reason: String {
        switch self {
        case .validation(let issues):
            issues.count == 1 ? issues[0].message : "提交的内容有\(issues.count)处错误，请逐项修改"
        case .notFound(let what): "未找到该\(what)"
        case .staleVersion(let current): "该记录已被他人修改（当前版本 \(current)），请刷新后重试"
        case .versionRequired: "修改记录须提供版本号（If-Match 请求头或 version 字段），以免覆盖他人的修改"
        case .unauthenticated: "请先登录"
        case .forbidden(let why): why
        case .badRequest(_, let message): message
        case .illegalTransition(_, let from, let to): "状态不能从“\(from)”变更为“\(to)”"
        case .conflict(_, let message): message
        case .payloadTooLarge(let limit): "上传内容超过大小限制（\(limit / 1_048_576) MB）"
        case .tooManyAttempts(_, let message): message
        case .busy: "系统繁忙，本次操作未执行，请稍后重试"
        }
    }

    var headers: HTTPHeaders {
        switch self {
        case .tooManyAttempts(let seconds, _), .busy(let seconds): ["Retry-After": String(seconds)]
        default: [:]
        }
    }

    var fields: [FieldIssue] {
        switch self {
        case .validation(let issues): issues
        case .illegalTransition(let field, _, _): [FieldIssue(field: field, code: "illegal_transition", message: reason)]
        default: []
        }
    }
}
