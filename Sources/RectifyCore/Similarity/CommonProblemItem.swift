import Foundation

/// One problem as the search for common problems (共性问题) reads it.
public struct CommonProblemItem: Sendable {
    public let problemID: UUID
    public let bodyID: UUID
    public let roundID: UUID
    public let category: String?
    public let aspect: String?
    public let title: String
    public let description: String?
    public let status: RectificationStatus
    /// Past its deadline and not closed.
    public let overdue: Bool

    public init(problemID: UUID, bodyID: UUID, roundID: UUID, category: String?, aspect: String?, title: String,
                description: String?, status: RectificationStatus, overdue: Bool) {
        self.problemID = problemID
        self.bodyID = bodyID
        self.roundID = roundID
        self.category = category
        self.aspect = aspect
        self.title = title
        self.description = description
        self.status = status
        self.overdue = overdue
    }
}
