import Fluent
import Foundation

/// Where notices are sent: an SMTP mailbox list, or a webhook (plain JSON, WeCom or DingTalk robot).
final class NotificationChannel: Model, @unchecked Sendable {
    static let schema = "notification_channels"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    /// Comma-separated addresses for email; the URL for webhooks.
    @Field(key: "target") var target: String
    /// When set, only this round's notices go to the channel.
    @OptionalField(key: "inspection_id") var inspectionID: UUID?
    @Field(key: "active") var active: Bool
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $name, $kind, $target, $inspectionID, $active, $version, $createdAt, $updatedAt] }

    init() {}
}
