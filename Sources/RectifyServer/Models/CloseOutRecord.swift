import Fluent
import Foundation

/// One decision in the close-out (销号) of a problem or a measure. Never updated or deleted.
final class CloseOutRecord: Model, @unchecked Sendable {
    static let schema = "close_out_records"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "problem_id") var problemID: UUID?
    @OptionalField(key: "measure_id") var measureID: UUID?
    @Field(key: "stage") var stage: String
    @Field(key: "decision") var decision: String
    @Field(key: "opinion") var opinion: String
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $problemID, $measureID, $stage, $decision, $opinion, $actorID, $actorName, $createdAt
    ] }

    init() {}
}
