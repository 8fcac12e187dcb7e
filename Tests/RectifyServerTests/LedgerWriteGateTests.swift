@testable import RectifyServer
import Testing

/// The in-process queue of ledger writers, on a gate of its own (not the one the server uses).
@Suite struct LedgerWriteGateTests {
    /// Holds `gate` in a task of its own until `release` yields; returns when the gate is held.
    private func hold(_ gate: LedgerWriteGate) async -> (task: Task<Int, any Error>, release: AsyncStream<Void>.Continuation) {
        let (held, heldSignal) = AsyncStream.makeStream(of: Void.self)
        let (released, release) = AsyncStream.makeStream(of: Void.self)
        let task = Task {
            try await gate.holding {
                heldSignal.yield()
                for await _ in released { break }
                return 1
            }
        }
        for await _ in held { break }
        return (task, release)
    }

    @Test func aWriterWaitingPastTheTimeoutIsTurnedAwayAndTheGateStillPassesOn() async throws {
        let gate = LedgerWriteGate(timeout: .milliseconds(100))
        let stuck = await hold(gate)

        let refusal = await #expect(throws: RectifyError.self) { try await gate.holding { 2 } }

        #expect(refusal?.status == .serviceUnavailable)
        #expect(refusal?.code == "busy")
        #expect(refusal?.headers["Retry-After"] == ["1"])
        #expect(await gate.queued == 0)
        stuck.release.yield()
        #expect(try await stuck.task.value == 1)
        #expect(try await gate.holding { 3 } == 3)
    }

    @Test func aWriterHandedTheGateInTimeRunsToItsEndPastTheTimeout() async throws {
        let gate = LedgerWriteGate(timeout: .milliseconds(200))
        let first = await hold(gate)
        let waiter = Task {
            try await gate.holding {
                try await Task.sleep(for: .milliseconds(400))
                return 2
            }
        }
        while await gate.queued < 1 { await Task.yield() }

        try await Task.sleep(for: .milliseconds(50))
        first.release.yield()

        #expect(try await first.task.value == 1)
        #expect(try await waiter.value == 2)
        #expect(try await gate.holding { 3 } == 3)
    }

    @Test func writersPassInTheOrderTheyCame() async throws {
        let gate = LedgerWriteGate(timeout: .seconds(30))
        let log = OrderLog()
        let first = await hold(gate)
        var waiters: [Task<Int, any Error>] = []
        for n in 1...5 {
            waiters.append(Task {
                try await gate.holding {
                    await log.append(n)
                    return n
                }
            })
            while await gate.queued < n { await Task.yield() }
        }

        first.release.yield()

        #expect(try await first.task.value == 1)
        for (n, waiter) in waiters.enumerated() { #expect(try await waiter.value == n + 1) }
        #expect(await log.entries == [1, 2, 3, 4, 5])
        #expect(await gate.queued == 0)
    }
}

private actor OrderLog {
    private(set) var entries: [Int] = []
    func append(_ n: Int) { entries.append(n) }
}
