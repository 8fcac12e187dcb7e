import Foundation

/// Who receives a reminder notice (《巡察整改工作提示》 / 督办单) as an item nears and passes its
/// deadline. Configuration, stored as JSON; `default` follows common practice: the handler at T−20
/// working days, the handler and the responsible leader at T−10, the unit head and the Party
/// secretary once overdue.
///
/// A scan calls `step(forItem:…)` for every open item and issues a notice when the returned key is
/// not yet stored. Only the highest step reached is returned, so an item assigned late skips the
/// earlier steps instead of receiving them all at once.
public struct EscalationPolicy: Codable, Hashable, Sendable {
    public var steps: [EscalationStep]

    public init(steps: [EscalationStep]) {
        self.steps = steps
    }

    public static let `default` = EscalationPolicy(steps: [
        EscalationStep(id: "t-20", trigger: .beforeDeadline(20), recipients: [.handler],
                       documentTitle: "巡察整改工作提示"),
        EscalationStep(id: "t-10", trigger: .beforeDeadline(10), recipients: [.handler, .responsibleLeader],
                       documentTitle: "巡察整改工作提示"),
        EscalationStep(id: "overdue", trigger: .afterDeadline(1), recipients: [.unitHead, .partySecretary],
                       documentTitle: "巡察整改督办单"),
    ])

    /// Problems an operator must fix before saving, in Chinese; empty when the policy is usable.
    public var problems: [String] {
        var found: [String] = []
        var ids = Set<String>()
        for step in steps {
            if step.id.trimmingCharacters(in: .whitespaces).isEmpty { found.append("督办步骤缺少编号") }
            if !ids.insert(step.id).inserted { found.append("督办步骤编号“\(step.id)”重复") }
            if step.recipients.isEmpty { found.append("督办步骤“\(step.id)”未指定接收人") }
            if step.trigger.workingDays < 0 { found.append("督办步骤“\(step.id)”的工作日数不能为负数") }
            if step.documentTitle.trimmingCharacters(in: .whitespaces).isEmpty {
                found.append("督办步骤“\(step.id)”缺少文书名称")
            }
        }
        return found
    }

    /// The highest step `itemID` has reached on `today`, with its idempotency key.
    public func step(forItem itemID: String, deadline: Day?, status: RectificationStatus, today: Day,
                     calendar: WorkingDayCalendar) -> EscalationDecision {
        step(forItem: { itemID }, deadline: deadline, status: status, today: today, calendar: calendar)
    }

    /// As `step(forItem:…)`, naming the item only when a step is reached: a scan over hundreds of
    /// thousands of measures then formats an id for the few that need a key.
    public func step(forItem itemID: () -> String, deadline: Day?, status: RectificationStatus, today: Day,
                     calendar: WorkingDayCalendar) -> EscalationDecision {
        guard let deadline else {
            return EscalationDecision(step: nil, idempotencyKey: nil, workingDaysLeft: nil, workingDaysOverdue: nil,
                                      unknownYears: [])
        }
        let distance = calendar.workingDays(from: today, to: deadline)
        let left = today <= deadline ? distance.value : nil
        let overdue = today > deadline ? -distance.value : nil
        // Nothing is left for the unit to do once close-out is requested or granted.
        let reached = status == .closed || status == .pendingCloseOut
            ? nil
            : steps.filter { $0.trigger.isReached(workingDaysLeft: left, workingDaysOverdue: overdue) }
                .max { $0.trigger.order < $1.trigger.order }
        return EscalationDecision(
            step: reached,
            idempotencyKey: reached.map { Self.idempotencyKey(itemID: itemID(), stepID: $0.id, deadline: deadline) },
            workingDaysLeft: left, workingDaysOverdue: overdue, unknownYears: distance.unknownYears)
    }

    /// `escalation/v1/<item>/<step>/<deadline>`. The deadline is part of the key because an
    /// extended deadline (延期) or a reopened item with a new one starts a fresh round of notices;
    /// for the same deadline the key never changes.
    private static let keyCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))

    public static func idempotencyKey(itemID: String, stepID: String, deadline: Day) -> String {
        let allowed = keyCharacters
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
        return "escalation/v1/\(encode(itemID))/\(encode(stepID))/\(deadline.iso)"
    }
}
