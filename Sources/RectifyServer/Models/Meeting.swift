import Fluent
import Foundation

/// An entry of the meetings register (党组会, 专题会, 调度会…).
final class Meeting: Model, @unchecked Sendable {
    static let schema = "meetings"

    @ID(key: .id) var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "held_on") var heldOn: String
    @Field(key: "title") var title: String
    @OptionalField(key: "chair") var chair: String?
    @OptionalField(key: "summary") var summary: String?
    @OptionalField(key: "supersedes_id") var supersedesID: UUID?
    @Field(key: "superseded") var superseded: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $inspectionID, $kind, $heldOn, $title, $chair, $summary, $supersedesID, $superseded, $createdAt
    ] }

    init() {}
}
