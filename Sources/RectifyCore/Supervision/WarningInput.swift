/// What the warning rules need to know about one measure.
public struct WarningInput: Hashable, Sendable {
    /// The day the measure was assigned; 序时进度 runs from here.
    public var start: Day
    /// 整改期限; long-term measures may have none.
    public var deadline: Day?
    /// Reported progress, 0–100 (values outside are clamped).
    public var progressPercent: Int
    public var status: RectificationStatus
    public var kind: MeasureKind

    public init(start: Day, deadline: Day?, progressPercent: Int, status: RectificationStatus, kind: MeasureKind) {
        self.start = start
        self.deadline = deadline
        self.progressPercent = min(100, max(0, progressPercent))
        self.status = status
        self.kind = kind
    }
}
