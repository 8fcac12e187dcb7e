import Foundation
import RectifyCore

/// The body posted to a webhook channel, in the format its receiver expects.
enum WebhookPayload {
    static func json(kind: NotificationChannelKind, subject: String, body: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch kind {
        case .wecom, .dingtalk:
            // Both group robots take {"msgtype":"text","text":{"content":…}}.
            return try encoder.encode(["msgtype": AnyJSON.string("text"),
                                       "text": AnyJSON.object(["content": .string("\(subject)\n\(body)")])])
        case .webhook, .email:
            return try encoder.encode(["event": AnyJSON.string("reminder_notice"), "subject": .string(subject), "body": .string(body)])
        }
    }

    /// Whether a robot accepted the message: WeCom and DingTalk answer 200 with `errcode` 0.
    static func accepted(kind: NotificationChannelKind, status: UInt, body: Data?) -> Bool {
        guard (200..<300).contains(status) else { return false }
        guard kind == .wecom || kind == .dingtalk else { return true }
        guard let body, let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return false }
        return (object["errcode"] as? Int) == 0
    }
}

enum AnyJSON: Encodable {
    case string(String)
    case object([String: AnyJSON])

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .object(let o): try c.encode(o)
        }
    }
}
