import Foundation

/// Counts for one group of items (the whole ledger or one row of a breakdown) on one day.
public struct CompletionFigures: Codable, Hashable, Sendable {
    public var total: Int
    /// Items per status; every status is present, zero when none.
    public var byStatus: [RectificationStatus: Int]
    /// Items reopened by a look-back at some point up to the day, whether closed again or not.
    public var reopenedEver: Int
    /// Items reopened by a look-back and not closed again: not completed.
    public var reopenedOpen: Int
    /// 需长期坚持: every long-term item, closed or not.
    public var longTerm: Int
    /// Long-term items already closed (these are also in `completed`).
    public var longTermClosed: Int

    public init() {
        total = 0
        byStatus = Dictionary(uniqueKeysWithValues: RectificationStatus.allCases.map { ($0, 0) })
        reopenedEver = 0
        reopenedOpen = 0
        longTerm = 0
        longTermClosed = 0
    }

    /// 已完成整改: closed items only.
    public var completed: Int { count(.closed) }
    /// 基本完成: reported separately, never as completed.
    public var basicallyCompleted: Int { count(.basicallyCompleted) }
    public var pendingCloseOut: Int { count(.pendingCloseOut) }
    public var inProgress: Int { count(.inProgress) }
    public var notStarted: Int { count(.notStarted) }
    /// Items not completed, whatever their state.
    public var notCompleted: Int { total - completed }

    public var rate: CompletionRate { CompletionRate(completed: completed, total: total) }

    public func count(_ status: RectificationStatus) -> Int { byStatus[status] ?? 0 }

    private enum CodingKeys: String, CodingKey {
        case total, byStatus, reopenedEver, reopenedOpen, longTerm, longTermClosed
        // Derived figures, written for API clients and ignored when reading.
        case completed, basicallyCompleted, notCompleted, rate
    }

    // `byStatus` is written as an object keyed by the status codes (`{"closed": 3}`), which is
    // what API clients expect; Swift's default for enum-keyed dictionaries is a flat array.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        total = try container.decode(Int.self, forKey: .total)
        let counts = try container.decode([String: Int].self, forKey: .byStatus)
        for (code, count) in counts {
            guard let status = RectificationStatus(rawValue: code) else {
                throw DecodingError.dataCorruptedError(forKey: .byStatus, in: container,
                                                       debugDescription: "未知的整改状态：\(code)")
            }
            byStatus[status] = count
        }
        reopenedEver = try container.decode(Int.self, forKey: .reopenedEver)
        reopenedOpen = try container.decode(Int.self, forKey: .reopenedOpen)
        longTerm = try container.decode(Int.self, forKey: .longTerm)
        longTermClosed = try container.decode(Int.self, forKey: .longTermClosed)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(total, forKey: .total)
        try container.encode(Dictionary(uniqueKeysWithValues: byStatus.map { ($0.key.rawValue, $0.value) }),
                             forKey: .byStatus)
        try container.encode(reopenedEver, forKey: .reopenedEver)
        try container.encode(reopenedOpen, forKey: .reopenedOpen)
        try container.encode(longTerm, forKey: .longTerm)
        try container.encode(longTermClosed, forKey: .longTermClosed)
        try container.encode(completed, forKey: .completed)
        try container.encode(basicallyCompleted, forKey: .basicallyCompleted)
        try container.encode(notCompleted, forKey: .notCompleted)
        try container.encode(rate, forKey: .rate)
    }

    mutating func add(status: RectificationStatus, kind: MeasureKind, reopened: Bool) {
        total += 1
        byStatus[status, default: 0] += 1
        if reopened {
            reopenedEver += 1
            if status != .closed { reopenedOpen += 1 }
        }
        if kind == .longTerm {
            longTerm += 1
            if status == .closed { longTermClosed += 1 }
        }
    }
}
