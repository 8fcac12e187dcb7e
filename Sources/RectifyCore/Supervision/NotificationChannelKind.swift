/// How a notification channel delivers.
public enum NotificationChannelKind: String, Codable, CaseIterable, Sendable {
    case email = "email"
    case webhook = "webhook"
    case wecom = "wecom"
    case dingtalk = "dingtalk"

    public var label: String {
        switch self {
        case .email: "电子邮件"
        case .webhook: "Webhook（JSON）"
        case .wecom: "企业微信群机器人"
        case .dingtalk: "钉钉群机器人"
        }
    }
}

/// The delivery state of an outbox message.
public enum OutboxState: String, Codable, CaseIterable, Sendable {
    case pending = "pending"
    case sent = "sent"
    case dead = "dead"

    public var label: String {
        switch self {
        case .pending: "待发送"
        case .sent: "已发送"
        case .dead: "发送失败（已停止重试）"
        }
    }
}

/// When to try a failed delivery again: exponential, capped, and given up after `maxAttempts`.
public struct RetryPolicy: Sendable, Equatable {
    public var baseSeconds: Int
    public var capSeconds: Int
    public var maxAttempts: Int

    public static let `default` = RetryPolicy(baseSeconds: 30, capSeconds: 3600, maxAttempts: 8)

    public init(baseSeconds: Int, capSeconds: Int, maxAttempts: Int) {
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
        self.maxAttempts = maxAttempts
    }

    /// Seconds to wait after the given number of failed attempts (1 = the first failure), or nil
    /// when the message should be dead-lettered.
    public func delay(afterFailedAttempts attempts: Int) -> Int? {
        guard attempts < maxAttempts else { return nil }
        let exponent = min(max(attempts - 1, 0), 20)
        return min(baseSeconds << exponent, capSeconds)
    }
}
