import Fluent
import Foundation

final class Organization: Model, @unchecked Sendable {
    static let schema = "organizations"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "parent_id") var parentID: UUID?
    @Field(key: "name") var name: String
    @OptionalField(key: "short_name") var shortName: String?
    @Field(key: "kind") var kind: String
    /// A `BodySector` key, for bodies only.
    @OptionalField(key: "sector") var sector: String?
    @Field(key: "sort_order") var sortOrder: Int
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $parentID, $name, $shortName, $kind, $sector, $sortOrder, $version, $createdAt, $updatedAt] }

    init() {}
}
