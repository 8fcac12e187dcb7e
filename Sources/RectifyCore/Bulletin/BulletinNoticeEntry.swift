/// A reminder notice as listed in the bulletin, with its reply state at the end of the week.
public struct BulletinNoticeEntry: Codable, Hashable, Sendable {
    public var number: String
    public var title: String
    public var issuedOn: Day
    public var replyDue: Day?
    /// The notice's current state (the bulletin may be built for an earlier week).
    public var state: NoticeState
    public var repliedOn: Day?
    /// Whether the notice was answered by the week's Sunday.
    public var answered: Bool
    /// Unanswered on Sunday with the reply deadline already past.
    public var replyOverdue: Bool
    /// Working days in `(replyDue, Sunday]` when `replyOverdue`; may be 0 when the deadline fell
    /// just before a weekend or holiday.
    public var workingDaysPastReplyDue: Int?

    public init(number: String, title: String, issuedOn: Day, replyDue: Day?, state: NoticeState, repliedOn: Day?,
                answered: Bool, replyOverdue: Bool, workingDaysPastReplyDue: Int?) {
        self.number = number
        self.title = title
        self.issuedOn = issuedOn
        self.replyDue = replyDue
        self.state = state
        self.repliedOn = repliedOn
        self.answered = answered
        self.replyOverdue = replyOverdue
        self.workingDaysPastReplyDue = workingDaysPastReplyDue
    }
}
