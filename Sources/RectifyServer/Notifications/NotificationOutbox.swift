import Fluent
import Foundation
import RectifyCore

/// Writes messages into the outbox inside the caller's transaction.
enum NotificationOutbox {
    static func enqueue(notice: ReminderNotice, recipients: [String], now: Date, on db: Database) async throws {
        let channels = try await NotificationChannel.query(on: db).filter(\.$active == true).all()
            .filter { $0.inspectionID == nil || $0.inspectionID == notice.inspectionID }
        guard !channels.isEmpty else { return }
        let subject = "【\(notice.year)年第\(notice.serial)期】\(notice.title)"
        var body = "\(recipients.joined(separator: "、"))：\n\(notice.body ?? "")"
        if let due = notice.replyDue.flatMap(Day.init(iso:)) { body += "\n要求回复日期：\(due.chinese)" }
        let nowMillis = Int64(now.timeIntervalSince1970 * 1000)
        for channel in channels {
            let message = OutboxMessage()
            message.channelID = try channel.requireID()
            message.subject = subject
            message.body = body
            message.state = OutboxState.pending.rawValue
            message.attempts = 0
            message.nextAttemptAtMillis = nowMillis
            try await message.create(on: db)
        }
    }
}
