import Fluent
import Foundation
import RectifyCore
import SQLKit
import Vapor

/// Who a write is recorded against.
struct AuditActor: Sendable {
    let id: String?
    let name: String

    static let system = AuditActor(id: nil, name: "系统")
    static func cli(_ name: String = "命令行") -> AuditActor { AuditActor(id: nil, name: name) }
}

/// Appends audit events inside the write transaction it belongs to. Events are sealed into the
/// chain as they are recorded and stored together when the transaction ends, in as few statements
/// as their number allows: each statement is a round trip while every other writer waits.
final class AuditTrail: @unchecked Sendable {
    let database: Database
    let actor: AuditActor
    let now: Date
    private var sequence: Int64
    private var hash: String
    private var pending: [AuditRecord] = []
    private let requestID: String?

    fileprivate init(database: Database, actor: AuditActor, now: Date, sequence: Int64, hash: String, requestID: String?) {
        self.database = database
        self.requestID = requestID
        self.actor = actor
        self.now = now
        self.sequence = sequence
        self.hash = hash
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func json<T: Encodable>(_ value: T?) throws -> String? {
        guard let value else { return nil }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Records one change. `before` is nil for a creation, `after` nil for a deletion.
    func record<Before: Encodable, After: Encodable>(
        _ action: String, entity: String, id: String, before: Before?, after: After?
    ) async throws {
        let millis = Int64((now.timeIntervalSince1970 * 1000).rounded())
        let record = AuditChain.seal(AuditRecord(
            sequence: sequence + 1, atMillis: millis, actorID: actor.id, actorName: actor.name,
            action: action, entity: entity, entityID: id,
            before: try Self.json(before), after: try Self.json(after), previousHash: hash,
            requestID: requestID), after: hash)
        pending.append(record)
        sequence = record.sequence
        hash = record.hash
    }

    func record<After: Encodable>(_ action: String, entity: String, id: String, after: After) async throws {
        try await record(action, entity: entity, id: id, before: Optional<After>.none, after: after)
    }

    /// Rows per INSERT: 12 parameters each stays far below SQLite's and PostgreSQL's limits.
    static let rowsPerInsert = 500

    fileprivate func storeHead() async throws {
        guard !pending.isEmpty else { return }
        let sql = try database.sql
        var inserts: [SQLInsert] = []
        var start = 0
        while start < pending.count {
            let rows = pending[start..<min(start + Self.rowsPerInsert, pending.count)]
            let insert = sql.insert(into: AuditEvent.schema)
                .columns("seq", "at_ms", "actor_id", "actor_name", "action", "entity", "entity_id", "before", "after", "prev_hash", "hash",
                         "request_id")
            for r in rows {
                insert.values(SQLBind(r.sequence), SQLBind(r.atMillis), SQLBind(r.actorID), SQLBind(r.actorName), SQLBind(r.action),
                              SQLBind(r.entity), SQLBind(r.entityID), SQLBind(r.before), SQLBind(r.after), SQLBind(r.previousHash),
                              SQLBind(r.hash), SQLBind(r.requestID))
            }
            inserts.append(insert.insert)
            start += rows.count
        }
        pending.removeAll()
        let head = sql.update("audit_head")
            .set("seq", to: SQLBind(sequence)).set("hash", to: SQLBind(hash))
            .where("id", .equal, SQLBind(1))
            .update
        // PostgreSQL takes the last insert and the head together (a data-modifying WITH): one round
        // trip less while every other writer waits. SQLite has no such WITH.
        let withLast = sql.dialect.name == "postgresql" ? inserts.popLast() : nil
        for insert in inserts { try await sql.execute(sql: insert) { _ in } }
        if let withLast {
            try await sql.execute(sql: InsertThenUpdate(insert: withLast, update: head)) { _ in }
        } else {
            try await sql.execute(sql: head) { _ in }
        }
    }
}

/// `WITH stored_events AS (INSERT …) UPDATE …`, PostgreSQL's one statement for both.
private struct InsertThenUpdate: SQLExpression {
    let insert: SQLInsert
    let update: SQLUpdate

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write("WITH ")
        SQLIdentifier("stored_events").serialize(to: &serializer)
        serializer.write(" AS (")
        insert.serialize(to: &serializer)
        serializer.write(") ")
        update.serialize(to: &serializer)
    }
}

extension Database {
    /// Runs a write in one transaction together with its audit events. The first statement
    /// locks the audit head, so concurrent writers queue instead of forking the chain, on SQLite
    /// (write lock taken at once, no upgrade deadlock) and PostgreSQL (row lock) alike.
    func ledgerWrite<T: Sendable>(
        actor: AuditActor, now: Date,
        _ body: @Sendable @escaping (Database, AuditTrail) async throws -> T
    ) async throws -> T {
        // Read here, in the caller's task: the transaction's closure may run where the task's trace is not set.
        let requestID = RequestTrace.requestID
        // A write nested in another runs in its transaction, which already holds the gate.
        if !inTransaction {
            // Whatever this write changed (a token revoked, a user deactivated), no request of this
            // process signs in from what was read before it; on failure too, as a write may have
            // committed before the error reached here.
            defer { SignInCache.shared.invalidate() }
            return try await LedgerWriteGate.shared.holding {
                try await auditedTransaction(actor: actor, now: now, requestID: requestID, body)
            }
        }
        return try await auditedTransaction(actor: actor, now: now, requestID: requestID, body)
    }

    private func auditedTransaction<T: Sendable>(
        actor: AuditActor, now: Date, requestID: String?,
        _ body: @Sendable @escaping (Database, AuditTrail) async throws -> T
    ) async throws -> T {
        try await transaction { tx in
            let sql = try tx.sql
            // Taking the lock also advances the ledger's revision, which tells cached page parts that
            // the ledger may have changed (a rolled-back write leaves it as it was).
            guard let head = try await sql.raw("UPDATE audit_head SET revision = revision + 1 WHERE id = 1 RETURNING seq, hash")
                .first(decoding: AuditHead.self) else { throw AuditHead.missing }
            let trail = AuditTrail(database: tx, actor: actor, now: now, sequence: head.seq, hash: head.hash, requestID: requestID)
            let result = try await body(tx, trail)
            try await trail.storeHead()
            return result
        }
    }
}

extension Request {
    var auditActor: AuditActor {
        guard let user = auth.get(User.self) else { return AuditActor(id: nil, name: "公众") }
        return AuditActor(id: user.id?.uuidString, name: "\(user.displayName)（\(user.username)）")
    }

    /// A ledger write on behalf of the signed-in user.
    func write<T: Sendable>(_ body: @Sendable @escaping (Database, AuditTrail) async throws -> T) async throws -> T {
        try await db.ledgerWrite(actor: auditActor, now: application.clock.now(), body)
    }
}

/// The row that names the last audit event and counts the ledger's write transactions.
struct AuditHead: Decodable, Sendable {
    let seq: Int64
    let hash: String

    static let missing = Abort(.internalServerError, reason: "The audit head row is missing; run `rectify migrate`")

    enum Counter: String {
        /// The last event's sequence number, which is also the number of events.
        case seq
        /// How many ledger write transactions have committed (`LedgerRevisionCache`).
        case revision
    }

    static func read(_ counter: Counter, on db: Database) async throws -> Int64 {
        // The revision is read by nearly every request of a body's user (the scope and page caches key
        // on it): the statement run most often, prepared on PostgreSQL.
        guard let row = try await db.sql.hot("SELECT \(unsafeRaw: counter.rawValue) FROM audit_head WHERE id = 1").first() else {
            throw missing
        }
        return try row.decode(column: counter.rawValue, as: Int64.self)
    }
}
