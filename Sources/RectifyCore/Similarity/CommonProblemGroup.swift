import Foundation

/// Problems worded alike within one category: one common problem (共性问题) when they come from
/// more than one body.
public struct CommonProblemGroup: Sendable, Equatable {
    public let category: String?
    /// The aspect most of the members name (the first in order on a tie), nil when none names one.
    public let aspect: String?
    /// The member most alike to the others, whose title stands for the group.
    public let representative: UUID
    public let representativeTitle: String
    /// The members, the representative first, then by title.
    public let members: [UUID]
    /// The bodies the members belong to, in order of their ids.
    public let bodies: [UUID]
    public let statuses: [RectificationStatus: Int]
    public let overdue: Int
    /// The lowest similarity between members linked into the group, 1 for a single problem.
    public let weakestLink: Double

    public var problemCount: Int { members.count }
    public var bodyCount: Int { bodies.count }
    public var closed: Int { statuses[.closed] ?? 0 }
    /// Overdue members over all members.
    public var overdueShare: Double { members.isEmpty ? 0 : Double(overdue) / Double(members.count) }
    /// The overdue share as a whole percentage, rounded half up in integers (as every page and export shows it).
    public var overduePercent: Int { members.isEmpty ? 0 : (overdue * 200 + members.count) / (members.count * 2) }
}
