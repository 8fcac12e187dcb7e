import Fluent
import Foundation

/// An opinion sent by the public about a published rectification report.
final class PublicFeedback: Model, @unchecked Sendable {
    static let schema = "public_feedback"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "inspection_id") var inspectionID: UUID?
    @OptionalField(key: "publication_id") var publicationID: UUID?
    @Field(key: "channel") var channel: String
    @Field(key: "text") var text: String
    @OptionalField(key: "contact") var contact: String?
    @Field(key: "state") var state: String
    @OptionalField(key: "reply") var reply: String?
    @OptionalField(key: "replied_at") var repliedAt: Date?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $inspectionID, $publicationID, $channel, $text, $contact, $state, $reply, $repliedAt, $version, $createdAt,
        $updatedAt
    ] }

    init() {}
}
