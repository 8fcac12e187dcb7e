import Fluent
import Foundation

/// An uploaded report or ledger waiting for the user to confirm its import.
final class ImportDraft: Model, @unchecked Sendable {
    static let schema = "import_drafts"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @OptionalField(key: "inspection_id") var inspectionID: UUID?
    @Field(key: "data") var data: Data
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $userID, $kind, $name, $inspectionID, $data, $createdAt] }

    init() {}
}
