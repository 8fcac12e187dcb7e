import Foundation

/// One problem of a body's round, as the search for repeated problems (屡查屡犯) reads it.
public struct RepeatCandidate: Sendable {
    public let problemID: UUID
    public let bodyID: UUID
    public let roundID: UUID
    /// When the round's findings were fed back (YYYY-MM-DD); rounds are ordered by it, then by id.
    public let roundDate: String
    public let title: String
    public let description: String?

    public init(problemID: UUID, bodyID: UUID, roundID: UUID, roundDate: String, title: String, description: String?) {
        self.problemID = problemID
        self.bodyID = bodyID
        self.roundID = roundID
        self.roundDate = roundDate
        self.title = title
        self.description = description
    }
}
