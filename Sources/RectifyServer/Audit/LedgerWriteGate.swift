/// Lets one ledger write at a time run in this process, first come first served. Writers queue
/// here instead of in the database, where they would hold a connection each while they wait.
///
/// SQLite has one writer: without the gate, every other connection that starts a write finds the
/// file locked and SQLiteNIO's busy handler retries at once, without sleeping, until the lock is
/// free; at 32 concurrent writers that spinning took half the machine's CPU from the writer and
/// the readers. PostgreSQL queues writers on the audit head's row lock, and so do several servers
/// on one database; in one process the waiting writers no longer fill the connection pool that
/// readers need. A write nested in another runs in its transaction and does not come here.
///
/// A writer that waits longer than `timeout` in the queue (behind a write stuck in the database, or
/// a very long one such as a large import) gives up with 503 and a Retry-After instead of holding
/// its request open for as long as that write. The timeout counts from joining the queue; a writer
/// handed the gate runs to its end.
actor LedgerWriteGate {
    static let shared = LedgerWriteGate(timeout: .seconds(30))

    let timeout: Duration
    private var busy = false
    /// Writers waiting, first come first; as many as there are concurrent requests at most.
    private var waiting: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextID: UInt64 = 0

    init(timeout: Duration) {
        self.timeout = timeout
    }

    private func acquire() async throws {
        guard busy else {
            busy = true
            return
        }
        nextID += 1
        let id = nextID
        let expiry = Task { [timeout] in
            try await Task.sleep(for: timeout)
            self.expire(id)
        }
        defer { expiry.cancel() }
        try await withCheckedThrowingContinuation { waiting.append((id, $0)) }
    }

    /// Hands the gate to the first writer waiting, if any (it stays busy), else frees it.
    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().continuation.resume() }
    }

    /// Turns a writer away that is still waiting when its time is up.
    private func expire(_ id: UInt64) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        let seconds = Int(timeout.components.seconds)
        waiting.remove(at: index).continuation.resume(throwing: RectifyError.busy(retryAfterSeconds: max(1, seconds / 10)))
    }

    /// Writers waiting now.
    var queued: Int { waiting.count }

    /// Set while a task holds the gate: a write started from inside another, outside its
    /// transaction, would wait for itself forever.
    @TaskLocal static var heldByTask = false

    /// Runs `body` holding the gate; the gate passes to the next writer however `body` ends.
    nonisolated func holding<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        precondition(!Self.heldByTask, "A ledger write was started inside another one, outside its transaction")
        try await acquire()
        do {
            let result = try await Self.$heldByTask.withValue(true) { try await body() }
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }
}
