import RectifyCore
import Vapor

/// Every error Rectify reports on purpose, with its HTTP status, a stable code and a Chinese message.
enum RectifyError: Error, AbortError, Sendable {
    case validation([FieldIssue])
    case notFound(String)
    case staleVersion(current: Int)
    case versionRequired
    case unauthenticated
    /// A sign-in whose user name or password is wrong.
    case invalidCredentials
    case forbidden(String)
    case badRequest(code: String, message: String)
    case illegalTransition(field: String, from: String, to: String)
    case conflict(code: String, message: String)
    case payloadTooLarge(limitBytes: Int)
    /// Sign-in refused for a while (address throttled or account locked); sent with Retry-After.
    case tooManyAttempts(retryAfterSeconds: Int, message: String)
    /// A write waited too long behind others (one stuck ahead of it), or heavy work (imports, checks,
    /// documents) is at its limit with a full queue; sent with Retry-After.
    case busy(retryAfterSeconds: Int)
    /// An upload that would cost more to read than the configured limits (`UploadLimits`).
    case uploadLimit(UploadLimitExceeded)
    /// An anonymous write beyond its rate limit; sent with Retry-After.
    case rateLimited(retryAfterSeconds: Int, message: String)

    static func invalid(_ field: String, _ code: String, _ message: String) -> RectifyError {
        .validation([FieldIssue(field: field, code: code, message: message)])
    }

    var status: HTTPResponseStatus {
        switch self {
        case .validation, .illegalTransition: .unprocessableEntity
        case .notFound: .notFound
        case .staleVersion, .conflict: .conflict
        case .versionRequired: .preconditionRequired
        case .unauthenticated, .invalidCredentials: .unauthorized
        case .forbidden: .forbidden
        case .badRequest: .badRequest
        case .payloadTooLarge, .uploadLimit: .payloadTooLarge
        case .tooManyAttempts, .rateLimited: .tooManyRequests
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
        case .invalidCredentials: "invalid_credentials"
        case .forbidden: "forbidden"
        case .badRequest(let code, _): code
        case .illegalTransition: "illegal_transition"
        case .conflict(let code, _): code
        case .payloadTooLarge: "payload_too_large"
        case .tooManyAttempts: "too_many_attempts"
        case .busy: "busy"
        case .uploadLimit: "upload_limit_exceeded"
        case .rateLimited: "rate_limited"
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
        case .invalidCredentials: "用户名或密码错误"
        case .forbidden(let why): why
        case .badRequest(_, let message): message
        case .illegalTransition(_, let from, let to): "状态不能从“\(from)”变更为“\(to)”"
        case .conflict(_, let message): message
        case .payloadTooLarge(let limit): "上传内容超过大小限制（\(limit / 1_048_576) MB）"
        case .tooManyAttempts(_, let message): message
        case .busy: "系统繁忙，本次操作未执行，请稍后重试"
        case .uploadLimit(let refusal): refusal.message
        case .rateLimited(_, let message): message
        }
    }

    var headers: HTTPHeaders {
        switch self {
        case .tooManyAttempts(let seconds, _), .busy(let seconds), .rateLimited(let seconds, _): ["Retry-After": String(seconds)]
        default: [:]
        }
    }

    var fields: [FieldIssue] {
        switch self {
        case .validation(let issues): issues
        case .illegalTransition(let field, _, _): [FieldIssue(field: field, code: "illegal_transition", message: reason)]
        case .uploadLimit(let refusal): [FieldIssue(field: "file", code: refusal.limit.rawValue, message: refusal.message)]
        default: []
        }
    }
}
