import Fluent
import Foundation

/// Marks that a measure was put on a notice for an escalation step and deadline.
final class EscalationKey: Model, @unchecked Sendable {
    static let schema = "escalation_keys"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "notice_id") var noticeID: UUID
    @Field(key: "measure_id") var measureID: UUID
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $key, $noticeID, $measureID, $createdAt] }

    init() {}

    init(key: String, noticeID: UUID, measureID: UUID) {
        self.key = key
        self.noticeID = noticeID
        self.measureID = measureID
    }
}
