import Atomics
import Foundation
import NIOConcurrencyHelpers

/// Who a bearer token or a session cookie signs in, kept in memory for a few seconds so that most
/// requests start without a query.
///
/// Every audited write of this process (`ledgerWrite`: a token revoked, a user deactivated, a role
/// changed) empties it, so on the same server a revocation holds from the next request; another
/// server (or `rectify user …` at the command line) is heard within `lifetime`. A request reads the
/// generation before its own query, so an answer read before a revocation is never kept after it.
final class SignInCache: Sendable {
    static let shared = SignInCache()
    /// How long another server's revocation may go unnoticed here.
    static let lifetime: TimeInterval = 5
    static let capacity = 20_000

    private struct Entry: @unchecked Sendable {
        /// Never handed out: each request gets its own copy.
        let user: User
        let tokenExpiresAt: Date?
        let storedAt: Date
        let generation: Int
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    private let counter = ManagedAtomic<Int>(0)

    /// The generation to store an answer under: read before the query that answers.
    var generation: Int { counter.load(ordering: .acquiring) }

    /// A copy of the user `key` signs in, if it was stored within `lifetime` of `now`, in this
    /// generation, and its token has not expired since.
    func user(_ key: String, now: Date) -> User? {
        let current = generation
        guard let entry = entries.withLockedValue({ $0[key] }), entry.generation == current,
              now.timeIntervalSince(entry.storedAt) < Self.lifetime, now >= entry.storedAt,
              entry.tokenExpiresAt.map({ $0 > now }) ?? true else { return nil }
        return entry.user.detachedCopy()
    }

    func store(_ user: User, tokenExpiresAt: Date?, for key: String, generation: Int, now: Date) {
        let entry = Entry(user: user.detachedCopy(), tokenExpiresAt: tokenExpiresAt, storedAt: now, generation: generation)
        entries.withLockedValue { store in
            if store.count >= Self.capacity { store.removeAll(keepingCapacity: true) }
            store[key] = entry
        }
    }

    /// After a write: everything read before it is forgotten.
    func invalidate() {
        counter.wrappingIncrement(ordering: .releasing)
        entries.withLockedValue { $0.removeAll(keepingCapacity: true) }
    }

    var count: Int { entries.withLockedValue { $0.count } }
}

extension User {
    /// The same row as a model of its own, marked as stored (a save updates it).
    func detachedCopy() -> User {
        let copy = User()
        copy.id = id
        copy.username = username
        copy.displayName = displayName
        copy.passwordHash = passwordHash
        copy.roleRaw = roleRaw
        copy.organizationID = organizationID
        copy.active = active
        copy.mustChangePassword = mustChangePassword
        copy.version = version
        copy.failedLogins = failedLogins
        copy.lockedUntil = lockedUntil
        copy.createdAt = createdAt
        copy.updatedAt = updatedAt
        copy.$id.exists = true
        return copy
    }
}
