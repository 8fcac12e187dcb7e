import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Failed sign-ins per client address in a sliding window: past the limit, the address must wait
/// whatever the account. It complements the per-account lockout (`LoginGate`), which a guesser
/// spreading attempts over many accounts would not reach. Kept in memory, so the limit applies
/// per server process.
final class LoginThrottle: Sendable {
    static let window: TimeInterval = 10 * 60
    static let limit = 20

    private let failures = NIOLockedValueBox<[String: [Date]]>([:])

    /// Seconds until the address may try again, or nil when it may try now.
    func retryAfter(_ address: String, now: Date) -> Int? {
        failures.withLockedValue { table in
            let recent = (table[address] ?? []).filter { now.timeIntervalSince($0) < Self.window }
            table[address] = recent.isEmpty ? nil : recent
            guard recent.count >= Self.limit, let oldest = recent.first else { return nil }
            return max(1, Int((Self.window - now.timeIntervalSince(oldest)).rounded(.up)))
        }
    }

    func recordFailure(_ address: String, now: Date) {
        failures.withLockedValue { table in
            var recent = (table[address] ?? []).filter { now.timeIntervalSince($0) < Self.window }
            recent.append(now)
            table[address] = recent
            // Forget quiet addresses now and then, so a scan over many addresses cannot grow the table forever.
            if table.count > 10_000 {
                table = table.filter { $0.value.contains { now.timeIntervalSince($0) < Self.window } }
            }
        }
    }
}

extension Application {
    private struct LoginThrottleKey: StorageKey { typealias Value = LoginThrottle }

    /// Set once by `configure`, before the server takes requests.
    var loginThrottle: LoginThrottle {
        get { storage[LoginThrottleKey.self] ?? LoginThrottle() }
        set { storage[LoginThrottleKey.self] = newValue }
    }
}

extension Request {
    /// The client's address: the peer's, or behind a trusted reverse proxy (RECTIFY_TRUST_FORWARDED_FOR)
    /// the one the proxy saw.
    var clientAddress: String {
        AnonymousWriteLimit.clientAddress(self, trustForwardedFor: application.rectifyConfig.trustForwardedFor)
    }
}
