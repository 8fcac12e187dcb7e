/// One problem or measure as the statistics see it: its grouping dimensions and its status history.
public struct StatisticsItem: Codable, Hashable, Sendable {
    /// A status change as recorded in the ledger.
    public struct StatusChange: Codable, Hashable, Sendable {
        public var day: Day
        public var status: RectificationStatus

        public init(day: Day, status: RectificationStatus) {
            self.day = day
            self.status = status
        }
    }

    public var id: String
    public var source: ProblemSource
    /// 类别, e.g. `贯彻落实党的理论和路线方针政策方面`; `nil` when the report has no categories.
    public var category: String?
    /// 方面, within the category.
    public var aspect: String?
    /// 牵头单位: the item is counted once, under its lead unit.
    public var unitName: String
    /// 责任领导.
    public var leaderName: String?
    public var kind: MeasureKind
    /// The day the item entered the ledger; it is not counted as of earlier days.
    public var createdOn: Day
    /// Status changes in the order they were recorded; before the first one the item is 未启动.
    public var history: [StatusChange]

    public init(id: String, source: ProblemSource, category: String? = nil, aspect: String? = nil,
                unitName: String, leaderName: String? = nil, kind: MeasureKind, createdOn: Day,
                history: [StatusChange]) {
        self.id = id
        self.source = source
        self.category = category
        self.aspect = aspect
        self.unitName = unitName
        self.leaderName = leaderName
        self.kind = kind
        self.createdOn = createdOn
        self.history = history
    }

    /// Changes on or before `day`, in day order; changes on the same day keep their recorded order.
    public func changes(asOf day: Day) -> [StatusChange] {
        history.enumerated()
            .filter { $0.element.day <= day }
            .sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }
            .map(\.element)
    }

    /// The status on `day`, or `nil` if the item did not exist yet.
    public func status(asOf day: Day) -> RectificationStatus? {
        guard createdOn <= day else { return nil }
        return changes(asOf: day).last?.status ?? .notStarted
    }

    /// Whether a look-back had reopened the item by `day`: it was closed and later left that state.
    /// Derived from the history, so imported histories without an explicit `reopened` entry count too.
    public func wasReopened(asOf day: Day) -> Bool {
        var closedBefore = false
        for change in changes(asOf: day) {
            if change.status == .closed {
                closedBefore = true
            } else if closedBefore {
                return true
            }
        }
        return false
    }
}
