/// One rung of the reminder ladder: when it is reached, and whom the notice goes to.
public struct EscalationStep: Codable, Hashable, Sendable {
    /// Stable code; part of the idempotency key, so renaming it re-issues notices.
    public var id: String
    public var trigger: EscalationTrigger
    public var recipients: [EscalationRecipient]
    /// The document issued at this step, e.g. `巡察整改工作提示` or `巡察整改督办单`.
    public var documentTitle: String

    public init(id: String, trigger: EscalationTrigger, recipients: [EscalationRecipient], documentTitle: String) {
        self.id = id
        self.trigger = trigger
        self.recipients = recipients
        self.documentTitle = documentTitle
    }

    /// `到期前10个工作日：经办人（责任单位联系人）、责任领导`.
    public var summary: String {
        "\(trigger.label)：\(recipients.map(\.label).joined(separator: "、"))"
    }
}
