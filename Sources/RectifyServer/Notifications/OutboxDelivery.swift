import Fluent
import NIOCore
import Foundation
import RectifyCore
import Vapor

/// Delivers due outbox messages: email through SMTP, webhooks over HTTP. A failure is retried with
/// backoff; after the last attempt the message becomes a dead letter, listed for administrators.
struct OutboxDelivery: Sendable {
    struct Result: Sendable, Equatable {
        var sent = 0
        var failed = 0
        var dead = 0
        var skippedBecauseLeased = false
    }

    static let leaseName = "outbox-delivery"
    let holder: String
    var retry = RetryPolicy.default
    var batchSize = 50
    /// How long one delivery may take, connecting included.
    var timeout: TimeAmount
    /// Asked before each message: a stopping server or an interrupted `tick` sends no more, and the
    /// rest stay pending for the next run.
    var shouldStop: @Sendable () -> Bool = { Task.isCancelled }

    init(holder: String = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))",
         timeout: TimeAmount = .seconds(15)) {
        self.holder = holder
        self.timeout = timeout
    }

    /// The lease outlasts the longest run (every message of a batch timing out), so no second
    /// server starts on the same messages while this one still works on them.
    var leaseSeconds: Int { batchSize * Int(timeout.nanoseconds / 1_000_000_000) + 60 }

    /// One delivery run; with `periodSeconds`, the lease is kept for the period as the scan's is.
    func run(_ app: Application, periodSeconds: Int = 0) async throws -> Result {
        let now = app.clock.now()
        guard try await JobLeases.acquire(Self.leaseName, holder: holder, for: leaseSeconds, now: now, on: app.db) else {
            return Result(skippedBecauseLeased: true)
        }
        do {
            let result = try await deliverDue(app, now: now)
            try await JobLeases.release(Self.leaseName, holder: holder, start: now, keepSeconds: periodSeconds, on: app.db)
            return result
        } catch {
            try? await JobLeases.release(Self.leaseName, holder: holder, start: now, on: app.db)
            throw error
        }
    }

    private func deliverDue(_ app: Application, now: Date) async throws -> Result {
        let nowMillis = Int64(now.timeIntervalSince1970 * 1000)
        let due = try await OutboxMessage.query(on: app.db)
            .filter(\.$state == OutboxState.pending.rawValue)
            .filter(\.$nextAttemptAtMillis <= nowMillis)
            .sort(\.$nextAttemptAtMillis).limit(batchSize).all()
        let channels = Dictionary(uniqueKeysWithValues: try await NotificationChannel.query(on: app.db)
            .filter(\.$id ~~ Array(Set(due.map(\.channelID)))).all().compactMap { c in c.id.map { ($0, c) } })
        var result = Result()
        // A webhook's address carries its key (WeCom's `key`, DingTalk's `access_token`): no log line may show it.
        for channel in channels.values where channel.kind != NotificationChannelKind.email.rawValue {
            SecretRedactor.shared.pin(channel.target)
        }
        for message in due {
            if shouldStop() { break }
            var failure: String?
            if let channel = channels[message.channelID], channel.active {
                do {
                    try await deliver(message, via: channel, app: app)
                } catch {
                    failure = String(describing: error)
                }
            } else {
                failure = "通知渠道已停用或不存在"
            }
            let outcome = failure
            try await app.db.ledgerWrite(actor: AuditActor(id: nil, name: "通知发送"), now: now) { db, audit in
                guard let row = try await OutboxMessage.find(message.id, on: db) else { return }
                row.attempts += 1
                if let failure = outcome {
                    row.lastError = String(failure.prefix(1000))
                    if let delay = retry.delay(afterFailedAttempts: row.attempts) {
                        row.nextAttemptAtMillis = nowMillis + Int64(delay) * 1000
                    } else {
                        row.state = OutboxState.dead.rawValue
                    }
                } else {
                    row.state = OutboxState.sent.rawValue
                    row.sentAt = now
                    row.lastError = nil
                }
                try await row.save(on: db)
                try await audit.record(outcome == nil ? "deliver" : "deliver_failed", entity: "outbox_message",
                                       id: try row.requireID().uuidString,
                                       after: ["state": row.state, "attempts": String(row.attempts), "error": row.lastError ?? ""])
            }
            let kind = channels[message.channelID]?.kind ?? "unknown"
            if failure == nil {
                result.sent += 1
                RectifyMetrics.outboxDelivery(channel: kind, result: "sent")
            } else if (try await OutboxMessage.find(message.id, on: app.db))?.state == OutboxState.dead.rawValue {
                result.dead += 1
                RectifyMetrics.outboxDelivery(channel: kind, result: "dead")
            } else {
                result.failed += 1
                RectifyMetrics.outboxDelivery(channel: kind, result: "failed")
            }
        }
        return result
    }

    private func deliver(_ message: OutboxMessage, via channel: NotificationChannel, app: Application) async throws {
        let kind = NotificationChannelKind(rawValue: channel.kind) ?? .webhook
        switch kind {
        case .email:
            guard let smtp = app.rectifyConfig.smtp else {
                throw DeliveryFailure( "未配置邮件服务器（RECTIFY_SMTP_HOST）")
            }
            let recipients = channel.target.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            try await SMTPClient(settings: smtp, group: app.eventLoopGroup, timeout: timeout)
                .send(to: recipients, subject: message.subject, body: message.body, date: app.clock.now())
        case .webhook, .wecom, .dingtalk:
            let payload = try WebhookPayload.json(kind: kind, subject: message.subject, body: message.body)
            var headers = HTTPHeaders()
            headers.contentType = .json
            var request = ClientRequest(method: .POST, url: URI(string: channel.target), headers: headers,
                                        body: ByteBuffer(data: payload))
            request.timeout = timeout
            let response = try await app.client.send(request)
            let body = response.body.map { Data(buffer: $0) }
            guard WebhookPayload.accepted(kind: kind, status: response.status.code, body: body) else {
                throw DeliveryFailure( "HTTP \(response.status.code) \(body.map { String(decoding: $0.prefix(200), as: UTF8.self) } ?? "")")
            }
        }
    }
}
