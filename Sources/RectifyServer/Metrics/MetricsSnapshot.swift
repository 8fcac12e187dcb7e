import CoreMetrics
import Fluent
import RectifyCore
import SQLKit
import Vapor

/// What the database holds that an operator watches, read when `/metrics` is scraped: the outbox's
/// backlog and dead letters by channel kind, and the audit chain's head. Two statements, whatever
/// the number of messages.
enum MetricsSnapshot {
    private struct OutboxRow: Decodable {
        let kind: String
        let state: String
        let count: Int
    }

    private struct HeadRow: Decodable {
        let seq: Int64
        let revision: Int64
    }

    static func refresh(on db: any Database) async throws {
        let sql = try db.sql
        let rows = try await sql.raw("""
            SELECT c.kind AS kind, m.state AS state, COUNT(*) AS count FROM outbox_messages m
            JOIN notification_channels c ON c.id = m.channel_id
            WHERE m.state IN ('pending', 'dead') GROUP BY c.kind, m.state
            """).all(decoding: OutboxRow.self)
        for kind in NotificationChannelKind.allCases.map(\.rawValue) {
            let pending = rows.first { $0.kind == kind && $0.state == OutboxState.pending.rawValue }?.count ?? 0
            let dead = rows.first { $0.kind == kind && $0.state == OutboxState.dead.rawValue }?.count ?? 0
            Gauge(label: "rectify_outbox_pending", dimensions: [("channel", kind)]).record(pending)
            Gauge(label: "rectify_outbox_dead_letters", dimensions: [("channel", kind)]).record(dead)
        }
        if let head = try await sql.raw("SELECT seq, revision FROM audit_head WHERE id = 1").first(decoding: HeadRow.self) {
            Gauge(label: "rectify_audit_head_sequence").record(head.seq)
            Gauge(label: "rectify_ledger_revision").record(head.revision)
        }
    }
}
