import Fluent
import Foundation

final class Person: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @OptionalField(key: "rank") var rank: String?
    @OptionalField(key: "title") var title: String?
    @OptionalField(key: "organization_id") var organizationID: UUID?
    /// The day the person left (YYYY-MM-DD), nil while serving; `departure` says how.
    @OptionalField(key: "left_on") var leftOn: String?
    @OptionalField(key: "departure") var departure: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [$id, $name, $rank, $title, $organizationID, $leftOn, $departure, $version, $createdAt, $updatedAt]
    }

    init() {}
}
