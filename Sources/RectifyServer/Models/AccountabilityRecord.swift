import Fluent
import Foundation

/// An entry of the accountability register (问责): who, of what rank, in what form, for which problems.
final class AccountabilityRecord: Model, @unchecked Sendable {
    static let schema = "accountability_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "person_name") var personName: String
    @OptionalField(key: "person_id") var personID: UUID?
    @Field(key: "rank") var rank: String
    @Field(key: "form") var form: String
    @Field(key: "decided_on") var decidedOn: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "supersedes_id") var supersedesID: UUID?
    @Field(key: "superseded") var superseded: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $inspectionID, $personName, $personID, $rank, $form, $decidedOn, $reason, $supersedesID, $superseded, $createdAt
    ] }

    init() {}
}
