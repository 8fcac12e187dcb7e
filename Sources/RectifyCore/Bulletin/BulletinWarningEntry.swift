/// A measure whose warning level rose to yellow or red during the bulletin's week.
public struct BulletinWarningEntry: Codable, Hashable, Sendable {
    public var id: String
    public var label: String
    public var text: String
    public var unit: String
    public var leader: String?
    public var deadline: Day?
    /// The level on the week's Sunday.
    public var level: WarningLevel
    /// The level on the Sunday before the week; `nil` when the measure entered the ledger this week.
    public var previousLevel: WarningLevel?
    /// The warning rules' reasons on Sunday, joined with `；`.
    public var reason: String
    public var workingDaysLeft: Int?
    public var workingDaysOverdue: Int?

    public init(id: String, label: String, text: String, unit: String, leader: String?, deadline: Day?,
                level: WarningLevel, previousLevel: WarningLevel?, reason: String, workingDaysLeft: Int?,
                workingDaysOverdue: Int?) {
        self.id = id
        self.label = label
        self.text = text
        self.unit = unit
        self.leader = leader
        self.deadline = deadline
        self.level = level
        self.previousLevel = previousLevel
        self.reason = reason
        self.workingDaysLeft = workingDaysLeft
        self.workingDaysOverdue = workingDaysOverdue
    }
}
