import NIOConcurrencyHelpers
import Vapor

/// At most `limit` heavy requests (reading an uploaded report or workbook, generating a document)
/// run at a time on this server and at most `queue` wait for a turn; a request beyond that is
/// refused at once with 503 and Retry-After. A burst of large legal files then costs the memory of
/// `limit` of them, and page requests keep their threads.
final class HeavyWorkGate: Sendable {
    let limit: Int
    let queue: Int
    /// Seconds a refused client is told to wait.
    static let retryAfterSeconds = 5

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var running = 0
        var waiting: [Waiter] = []
        var nextID: UInt64 = 0
    }

    private let state = NIOLockedValueBox(State())

    init(limit: Int, queue: Int) {
        self.limit = max(1, limit)
        self.queue = max(0, queue)
    }

    /// Heavy requests running and waiting now.
    var load: (running: Int, waiting: Int) {
        state.withLockedValue { ($0.running, $0.waiting.count) }
    }

    func acquire() async throws {
        let id: UInt64? = try state.withLockedValue { state in
            if state.running < limit {
                state.running += 1
                return nil
            }
            guard state.waiting.count < queue else { throw RectifyError.busy(retryAfterSeconds: Self.retryAfterSeconds) }
            state.nextID += 1
            return state.nextID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                state.withLockedValue { $0.waiting.append(Waiter(id: id, continuation: continuation)) }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLockedValue { state in
                guard let index = state.waiting.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiting.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Returns the memory the work freed to the system (`MemoryTrim`, a millisecond or two), so that
    /// heavy requests in a row do not stack their high-water marks, then hands the slot to the longest
    /// waiter or frees it.
    func release() {
        MemoryTrim.releaseFreedMemory()
        let next: Waiter? = state.withLockedValue { state in
            if state.waiting.isEmpty {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.continuation.resume()
    }

    func run<T>(_ work: () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await work()
    }
}

extension Application {
    private struct HeavyWorkGateKey: StorageKey { typealias Value = HeavyWorkGate }

    var heavyWork: HeavyWorkGate {
        get {
            if let gate = storage[HeavyWorkGateKey.self] { return gate }
            let gate = HeavyWorkGate(limit: rectifyConfig.heavyWorkLimit, queue: rectifyConfig.heavyWorkQueue)
            storage[HeavyWorkGateKey.self] = gate
            return gate
        }
        set { storage[HeavyWorkGateKey.self] = newValue }
    }
}

/// Holds a heavy-work slot for the whole of a route marked heavy (`endpoint(…, heavy: true)`),
/// body collection included. Placed after authentication and before the middleware that may collect
/// a page's body.
struct HeavyWorkMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // A request its route refuses anyway (AccessGuard, further in) takes no slot.
        guard let route = request.route, route.isHeavy, route.access?.allows(request.auth.get(User.self)?.role) == true else {
            return next.respond(to: request)
        }
        return request.eventLoop.makeFutureWithTask { try await self.run(request, route: route, next: next) }
    }

    private func run(_ request: Request, route: Route, next: any Responder) async throws -> Response {
        let gate = request.application.heavyWork
        let started = ContinuousClock.now
        let kind = Self.kind(request.method, route)
        do {
            let response = try await gate.run { try await next.respond(to: request).get() }
            RectifyMetrics.heavyWork(kind: kind, status: response.status.code, seconds: started.duration(to: .now))
            return response
        } catch {
            RectifyMetrics.heavyWork(kind: kind, status: (error as? any AbortError)?.status.code ?? 500, seconds: started.duration(to: .now))
            throw error
        }
    }

    /// What a heavy route does, for its metrics: an import reads an upload into the ledger, a check
    /// reads one without storing it, an export writes a document (publishing writes the public report).
    static func kind(_ method: HTTPMethod, _ route: Route) -> String {
        let path = route.path.map(\.description)
        if path.contains(where: { $0.hasPrefix("import") }) { return "import" }
        if path.contains("checks") { return "check" }
        return "export"
    }
}
