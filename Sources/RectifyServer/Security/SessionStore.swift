import Fluent
import Vapor

/// The session driver: Fluent's, but it writes a session back only when the request changed it.
/// Vapor's `SessionsMiddleware` saves every session a request touched, and every page touches its
/// session for the CSRF token, so each page view was an UPDATE queued behind SQLite's one writer.
/// The idle limit does not depend on these writes: `UserAuthenticator` keeps its own timestamp.
struct SessionStore: SessionDriver {
    let base: any SessionDriver

    /// What `readSession` found, to compare with what the request leaves behind.
    private struct ReadKey: StorageKey { typealias Value = [String: String] }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        base.createSession(data, for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        base.readSession(sessionID, for: request).map { data in
            request.storage[ReadKey.self] = data?.snapshot
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if let read = request.storage[ReadKey.self], read == data.snapshot {
            return request.eventLoop.makeSucceededFuture(sessionID)
        }
        return base.updateSession(sessionID, to: data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        base.deleteSession(sessionID, for: request)
    }
}
