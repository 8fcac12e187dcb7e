/// Lets one ledger write at a time run in this process, first come first served. Writers queue
/// here instead of in the database, where they would hold a connection each while they wait.
///
/// SQLite has one writer: without the gate, every other connection that starts a write finds the
/// file locked and SQLiteNIO's busy handler retries at once, without sleeping, until the lock is
/// free; at 32 concurrent writers that spinning took half the machine's CPU from the writer and
/// the readers. PostgreSQL queues writers on the audit head's row lock, and so do several servers
/// on one database; in one process the waiting writers no longer fill the connection pool that
/// readers need. A write nested in another runs in its transaction and does not come here.
actor LedgerWriteGate {
    static let shared = LedgerWriteGate()

    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var next = 0

    private func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        guard next < waiting.count else {
            held = false
            waiting.removeAll(keepingCapacity: true)
            next = 0
            return
        }
        if next >= 1024 {
            waiting.removeFirst(next)
            next = 0
        }
        let continuation = waiting[next]
        next += 1
        continuation.resume()
    }

    /// Set while a task holds the gate: a write started from inside another, outside its
    /// transaction, would wait for itself forever.
    @TaskLocal static var held = false

    /// Runs `body` holding the gate; the gate passes to the next writer however `body` ends.
    nonisolated func holding<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        precondition(!Self.held, "A ledger write was started inside another one, outside its transaction")
        await acquire()
        do {
            let result = try await Self.$held.withValue(true) { try await body() }
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }
}
