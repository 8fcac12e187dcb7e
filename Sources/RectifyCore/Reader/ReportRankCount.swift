import Foundation

/// One rank in an accountability breakdown (`科级15人`).
public struct ReportRankCount: Codable, Sendable, Hashable {
    public var rank: String
    public var people: Int

    public init(rank: String, people: Int) {
        self.rank = rank
        self.people = people
    }
}
