import Fluent
import Foundation

/// A reminder notice (《巡察整改工作提示》 / 督办单) with a yearly number such as 2024年第5期.
final class ReminderNotice: Model, @unchecked Sendable {
    static let schema = "reminder_notices"

    @ID(key: .id) var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "year") var year: Int
    @Field(key: "serial") var serial: Int
    @Field(key: "title") var title: String
    @OptionalField(key: "body") var body: String?
    @Field(key: "issued_on") var issuedOn: String
    @OptionalField(key: "reply_due") var replyDue: String?
    @Field(key: "recipients") var recipients: String
    @Field(key: "state") var state: String
    @OptionalField(key: "reply") var reply: String?
    @OptionalField(key: "replied_on") var repliedOn: String?
    @OptionalField(key: "issued_by_id") var issuedByID: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $inspectionID, $year, $serial, $title, $body, $issuedOn, $replyDue, $recipients, $state, $reply, $repliedOn,
        $issuedByID, $version, $createdAt, $updatedAt
    ] }

    init() {}
}

final class NoticeItem: Model, @unchecked Sendable {
    static let schema = "notice_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "notice_id") var noticeID: UUID
    @Field(key: "measure_id") var measureID: UUID
    @OptionalField(key: "working_days_late") var workingDaysLate: Int?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $noticeID, $measureID, $workingDaysLate] }

    init() {}
}
