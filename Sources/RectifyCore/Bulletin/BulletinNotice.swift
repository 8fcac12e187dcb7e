/// A reminder notice (《巡察整改工作提示》 / 督办单) as the weekly bulletin sees it.
public struct BulletinNotice: Codable, Hashable, Sendable {
    /// 文号, e.g. `2024年第5期`.
    public var number: String
    public var title: String
    public var issuedOn: Day
    /// The day by which the unit must reply; `nil` when none was set.
    public var replyDue: Day?
    /// The current state.
    public var state: NoticeState
    /// The day the reply arrived, when known.
    public var repliedOn: Day?

    public init(number: String, title: String, issuedOn: Day, replyDue: Day?, state: NoticeState,
                repliedOn: Day? = nil) {
        self.number = number
        self.title = title
        self.issuedOn = issuedOn
        self.replyDue = replyDue
        self.state = state
        self.repliedOn = repliedOn
    }

    /// Whether the notice had been answered by `day`. 已签发 and 已阅 are unanswered. A replied or
    /// closed notice counts as answered from `repliedOn`, or always when that day is unknown
    /// (a notice may be closed without a written reply).
    public func isAnswered(asOf day: Day) -> Bool {
        switch state {
        case .issued, .read:
            return false
        case .replied, .closed:
            guard let repliedOn else { return true }
            return repliedOn <= day
        }
    }
}
