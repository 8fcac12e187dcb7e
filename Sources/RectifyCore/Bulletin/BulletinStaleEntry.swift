/// A measure without a progress report for at least the bulletin's stale limit of working days.
public struct BulletinStaleEntry: Codable, Hashable, Sendable {
    public var id: String
    public var label: String
    public var text: String
    public var unit: String
    public var leader: String?
    public var kind: MeasureKind
    public var start: Day
    /// The latest report on or before Sunday; `nil` when none was ever filed.
    public var lastReportOn: Day?
    /// Working days in `(lastReportOn or start, Sunday]`.
    public var workingDaysSinceReport: Int

    public init(id: String, label: String, text: String, unit: String, leader: String?, kind: MeasureKind,
                start: Day, lastReportOn: Day?, workingDaysSinceReport: Int) {
        self.id = id
        self.label = label
        self.text = text
        self.unit = unit
        self.leader = leader
        self.kind = kind
        self.start = start
        self.lastReportOn = lastReportOn
        self.workingDaysSinceReport = workingDaysSinceReport
    }
}
