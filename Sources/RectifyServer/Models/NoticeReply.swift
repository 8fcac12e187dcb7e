import Fluent
import Foundation

/// One addressee unit's reply to a reminder notice. Each unit answers for itself: a unit reads and
/// writes only its own reply; the office reads them all.
final class NoticeReply: Model, @unchecked Sendable {
    static let schema = "notice_replies"

    @ID(key: .id) var id: UUID?
    @Field(key: "notice_id") var noticeID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "text") var text: String
    @Field(key: "replied_on") var repliedOn: String

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $noticeID, $unitID, $text, $repliedOn] }

    init() {}
}
