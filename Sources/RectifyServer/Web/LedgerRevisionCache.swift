import Fluent
import NIOConcurrencyHelpers
import Vapor

/// Page parts computed from the ledger, kept until the ledger changes.
///
/// Every ledger write transaction (`ledgerWrite`) advances the revision kept on the audit head
/// row, so an entry computed at one revision is exact for as long as the revision stays, in this
/// process or any other on the same database. Readers read the revision before the data, so an
/// entry is never older than its revision. Keys carry everything else a part depends on (round,
/// the user's scope, filters, the day). A change made outside Rectify, by hand in the database,
/// shows once the next write moves the revision.
final class LedgerRevisionCache: Sendable {
    private enum Slot {
        case ready(any Sendable)
        /// Being computed: requests that miss meanwhile wait for this one computation instead of
        /// all computing the same part (a board's first view under load).
        case computing(Task<any Sendable, any Error>)
    }
    /// `token` tells one computation's entry from another's at the same revision (after a failure).
    private struct Entry { let revision: Int64; let slot: Slot; var token = UUID() }

    /// Entries kept; when full, those of older revisions go first, then all.
    let capacity: Int
    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    init(capacity: Int = 1024) {
        self.capacity = capacity
    }

    func value<T: Sendable>(_ key: String, revision: Int64, compute: @escaping @Sendable () async throws -> T) async throws -> T {
        let (slot, token): (Slot, UUID?) = entries.withLockedValue { store in
            if let entry = store[key], entry.revision == revision { return (entry.slot, entry.token) }
            let task = Task<any Sendable, any Error> { try await compute() }
            if let existing = store[key], existing.revision > revision { return (.computing(task), nil) }
            if store.count >= capacity {
                store = store.filter { $0.value.revision >= revision }
                if store.count >= capacity { store.removeAll(keepingCapacity: true) }
            }
            let entry = Entry(revision: revision, slot: .computing(task))
            store[key] = entry
            return (.computing(task), entry.token)
        }
        func typed(_ value: any Sendable) throws -> T {
            guard let typed = value as? T else { throw Abort(.internalServerError, reason: "Cache key \(key) holds another type") }
            return typed
        }
        let task: Task<any Sendable, any Error>
        switch slot {
        case .ready(let value): return try typed(value)
        case .computing(let computing): task = computing
        }
        do {
            let value = try await task.value
            entries.withLockedValue { store in
                if let entry = store[key], entry.token == token, case .computing = entry.slot {
                    store[key] = Entry(revision: revision, slot: .ready(value), token: entry.token)
                }
            }
            return try typed(value)
        } catch {
            entries.withLockedValue { store in
                if let entry = store[key], entry.token == token, case .computing = entry.slot { store[key] = nil }
            }
            throw error
        }
    }

    var count: Int { entries.withLockedValue { $0.count } }
}

extension Application {
    private struct LedgerRevisionCacheKey: StorageKey { typealias Value = LedgerRevisionCache }

    /// Set up by `configure`; the board keeps its rounds, grid, charts and overview here.
    var ledgerCache: LedgerRevisionCache {
        get {
            guard let cache = storage[LedgerRevisionCacheKey.self] else { preconditionFailure("configure(_:) sets up the ledger cache") }
            return cache
        }
        set { storage[LedgerRevisionCacheKey.self] = newValue }
    }
}

extension Request {
    private struct LedgerRevisionKey: StorageKey { typealias Value = Int64 }

    /// The ledger's revision, read once per request and before anything cached against it.
    func ledgerRevision() async throws -> Int64 {
        if let revision = storage[LedgerRevisionKey.self] { return revision }
        let revision = try await AuditHead.read(.revision, on: db)
        storage[LedgerRevisionKey.self] = revision
        return revision
    }
}
