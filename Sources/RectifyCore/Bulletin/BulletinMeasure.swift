/// One rectification measure as the weekly bulletin sees it: what it is, who leads it, and its
/// dated history, from which the bulletin reconstructs the ledger as it stood on any day.
public struct BulletinMeasure: Codable, Hashable, Sendable {
    public var id: String
    /// As numbered in the rectification plan, e.g. `(3)②`.
    public var label: String
    public var text: String
    /// 牵头单位.
    public var unit: String
    /// 责任领导.
    public var leader: String?
    public var kind: MeasureKind
    /// The day the measure was assigned; 序时进度 and "never reported" both count from here.
    public var start: Day
    /// 整改期限, as currently recorded; long-term measures may have none.
    public var deadline: Day?
    /// Status changes in the order they were recorded; before the first one the measure is 未启动.
    public var statusHistory: [StatisticsItem.StatusChange]
    /// Reported progress over time, in the order recorded.
    public var progressHistory: [BulletinProgressPoint]
    /// Days on which progress reports were filed.
    public var reportDays: [Day]
    /// The day the measure entered the ledger; it does not exist as of earlier days.
    public var createdOn: Day

    public init(id: String, label: String, text: String, unit: String, leader: String? = nil,
                kind: MeasureKind, start: Day, deadline: Day?,
                statusHistory: [StatisticsItem.StatusChange] = [],
                progressHistory: [BulletinProgressPoint] = [], reportDays: [Day] = [], createdOn: Day) {
        self.id = id
        self.label = label
        self.text = text
        self.unit = unit
        self.leader = leader
        self.kind = kind
        self.start = start
        self.deadline = deadline
        self.statusHistory = statusHistory
        self.progressHistory = progressHistory
        self.reportDays = reportDays
        self.createdOn = createdOn
    }

    /// The status on `day`: the last change on or before it (same-day changes in recorded
    /// order), 未启动 before any change, `nil` before the measure entered the ledger.
    public func status(asOf day: Day) -> RectificationStatus? {
        guard createdOn <= day else { return nil }
        return lastOnOrBefore(day, in: statusHistory, dayOf: \.day)?.status ?? .notStarted
    }

    /// The progress reported by `day` (last point on or before it), 0 when none.
    public func progress(asOf day: Day) -> Int {
        lastOnOrBefore(day, in: progressHistory, dayOf: \.day)?.percent ?? 0
    }

    /// The latest progress report filed on or before `day`.
    public func lastReport(asOf day: Day) -> Day? {
        reportDays.filter { $0 <= day }.max()
    }

    /// The day the measure's current spell as 已完成整改 began, if it is closed on `day`: a
    /// look-back may reopen a closed measure and it may be closed again later.
    public func closedSince(asOf day: Day) -> Day? {
        guard createdOn <= day else { return nil }
        var since: Day?
        for change in changes(asOf: day) {
            if change.status == .closed {
                if since == nil { since = change.day }
            } else {
                since = nil
            }
        }
        return since
    }

    /// The warning rules' input as the ledger stood on `day`; `nil` before the measure existed.
    public func warningInput(asOf day: Day) -> WarningInput? {
        guard let status = status(asOf: day) else { return nil }
        return WarningInput(start: start, deadline: deadline, progressPercent: progress(asOf: day),
                            status: status, kind: kind)
    }

    private func changes(asOf day: Day) -> [StatisticsItem.StatusChange] {
        statusHistory.enumerated()
            .filter { $0.element.day <= day }
            .sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }
            .map(\.element)
    }

    private func lastOnOrBefore<T>(_ day: Day, in entries: [T], dayOf: (T) -> Day) -> T? {
        entries.enumerated()
            .filter { dayOf($0.element) <= day }
            .max { (dayOf($0.element), $0.offset) < (dayOf($1.element), $1.offset) }?
            .element
    }
}
