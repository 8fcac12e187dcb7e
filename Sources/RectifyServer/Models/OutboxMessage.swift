import Fluent
import Foundation

/// A message waiting for delivery, delivered, or given up on (dead letter).
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "channel_id") var channelID: UUID
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "state") var state: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at_ms") var nextAttemptAtMillis: Int64
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $channelID, $subject, $body, $state, $attempts, $nextAttemptAtMillis, $lastError, $sentAt, $createdAt
    ] }

    init() {}
}
