import Fluent
import Foundation

/// Leases in the database, so that of several servers sharing it one runs each periodic job.
/// Taking a lease runs in a ledger write transaction, which the audit head lock serializes, so
/// two servers cannot both see the lease free.
enum JobLeases {
    static func acquire(_ name: String, holder: String, for seconds: Int, now: Date, on db: Database) async throws -> Bool {
        let nowMillis = Int64(now.timeIntervalSince1970 * 1000)
        return try await db.ledgerWrite(actor: .system, now: now) { tx, _ in
            let lease = try await JobLease.query(on: tx).filter(\.$name == name).first()
            if let lease, lease.holder != holder, lease.expiresAtMillis > nowMillis { return false }
            let row = lease ?? JobLease()
            row.name = name
            row.holder = holder
            row.expiresAtMillis = nowMillis + Int64(seconds) * 1000
            try await row.save(on: tx)
            return true
        }
    }

    /// Ends a run: the lease stays with its holder until `start + keepSeconds`, so that other
    /// servers whose timers fire later in the same period skip it (0 frees it at once, as a failed
    /// run or a one-off `rectify tick` does).
    static func release(_ name: String, holder: String, start: Date, keepSeconds: Int = 0, on db: Database) async throws {
        let until = start.addingTimeInterval(TimeInterval(keepSeconds))
        try await db.ledgerWrite(actor: .system, now: start) { tx, _ in
            guard let lease = try await JobLease.query(on: tx).filter(\.$name == name).first(), lease.holder == holder else { return }
            lease.expiresAtMillis = Int64(until.timeIntervalSince1970 * 1000)
            try await lease.save(on: tx)
        }
    }
}
