import Fluent
import Foundation

/// A generated weekly bulletin, kept as JSON of `WeeklyBulletin`.
final class Bulletin: Model, @unchecked Sendable {
    static let schema = "bulletins"

    @ID(key: .id) var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "week") var week: String
    @Field(key: "content") var content: String
    @Field(key: "generated_by") var generatedBy: String
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $inspectionID, $week, $content, $generatedBy, $version, $createdAt, $updatedAt] }

    init() {}
}
