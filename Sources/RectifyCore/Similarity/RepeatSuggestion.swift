import Foundation

/// A problem of a later round worded like one of an earlier round of the same body.
public struct RepeatSuggestion: Sendable, Equatable {
    public let newProblemID: UUID
    public let earlierProblemID: UUID
    public let bodyID: UUID
    public let newRoundID: UUID
    public let earlierRoundID: UUID
    public let similarity: Double
}
