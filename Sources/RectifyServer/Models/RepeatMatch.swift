import Fluent
import Foundation

/// A later-round problem worded like an earlier round's problem of the same body (屡查屡犯), with
/// the supervisor's decision on it.
final class RepeatMatch: Model, @unchecked Sendable {
    static let schema = "repeat_matches"

    @ID(key: .id) var id: UUID?
    @Field(key: "new_problem_id") var newProblemID: UUID
    @Field(key: "earlier_problem_id") var earlierProblemID: UUID
    @Field(key: "body_id") var bodyID: UUID
    @Field(key: "new_inspection_id") var newInspectionID: UUID
    @Field(key: "earlier_inspection_id") var earlierInspectionID: UUID
    @Field(key: "similarity") var similarity: Double
    @Field(key: "state") var state: String
    @OptionalField(key: "decided_by") var decidedBy: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $newProblemID, $earlierProblemID, $bodyID, $newInspectionID, $earlierInspectionID, $similarity, $state, $decidedBy,
        $decidedAt, $version, $createdAt, $updatedAt
    ] }

    init() {}
}
