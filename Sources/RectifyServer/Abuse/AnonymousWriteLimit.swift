import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// The one rate limit for every anonymous write (public feedback through the API and the public
/// page): per client address in ten minutes and per round in an hour. Counts live in the database
/// (`rate_limit_windows`), each bumped by one atomic upsert, so the limit holds across servers and
/// restarts. A refused write is 429 with Retry-After and leaves no row and no audit event.
enum AnonymousWriteLimit {
    static let addressWindow = 600
    static let roundWindow = 3600
    /// Counters are kept a day, then removed by every `cleanupEvery`-th admission on a server.
    static let retention = 86_400
    static let cleanupEvery: UInt64 = 100
    private static let admissions = NIOLockedValueBox<UInt64>(0)

    /// Counts one anonymous write about `round` from the request's address, or throws 429.
    static func admit(_ req: Request, round: UUID) async throws {
        let config = req.application.rectifyConfig
        let now = Int(req.application.clock.now().timeIntervalSince1970)
        let address = SHA256Hex.of(Data(clientAddress(req, trustForwardedFor: config.trustForwardedFor).utf8))
        try await hit(req.db, key: "feedback:address:\(address)", window: addressWindow, limit: config.anonymousWritesPerAddress,
                      now: now, message: "提交过于频繁，请稍后再试")
        try await hit(req.db, key: "feedback:round:\(round.uuidString)", window: roundWindow, limit: config.anonymousWritesPerRound,
                      now: now, message: "该报告收到的意见过多，请稍后再试")
        let count = admissions.withLockedValue { value -> UInt64 in value += 1; return value }
        if count % cleanupEvery == 0 {
            try await req.db.sql.raw("DELETE FROM rate_limit_windows WHERE window_start < \(bind: now - retention)").run()
        }
    }

    private static func hit(_ db: Database, key: String, window: Int, limit: Int, now: Int, message: String) async throws {
        let start = now - now % window
        let row = try await db.sql.raw("""
            INSERT INTO rate_limit_windows (key, window_start, hits) VALUES (\(bind: key), \(bind: start), 1)
            ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
            RETURNING hits
            """).first()
        let hits = try row?.decode(column: "hits", as: Int.self) ?? 0
        if hits > limit {
            throw RectifyError.rateLimited(retryAfterSeconds: max(1, start + window - now), message: message)
        }
    }

    /// The client's address: the peer's, or behind a trusted reverse proxy the last address it
    /// appended to X-Forwarded-For (earlier entries are the client's own claims).
    static func clientAddress(_ req: Request, trustForwardedFor: Bool) -> String {
        if trustForwardedFor, let forwarded = req.headers.first(name: "X-Forwarded-For")?.split(separator: ",").last {
            let address = forwarded.trimmingCharacters(in: .whitespaces)
            if !address.isEmpty { return address }
        }
        return req.remoteAddress?.ipAddress ?? "unknown"
    }
}
