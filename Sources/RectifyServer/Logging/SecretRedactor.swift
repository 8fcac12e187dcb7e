import Foundation
import NIOConcurrencyHelpers

/// Removes secrets from a log line before it is written, whatever level and library produced it.
/// Two kinds: shapes that always hold a secret (an `Authorization` or `Cookie` header, a bearer
/// token, the session cookie, a `password`/`token`/`secret`/`key` field in a form, query or JSON),
/// and exact values the server knows to be secret (the SMTP password, the metrics token, webhook
/// addresses with their keys, one-time passwords just issued), registered as they become known:
/// the configuration's pinned for good, passing ones (one-time passwords) up to a bound.
public final class SecretRedactor: Sendable {
    public static let shared = SecretRedactor()
    public static let mask = "[redacted]"

    /// Values from the configuration (the SMTP password, the metrics token, webhook keys): kept for
    /// the life of the process, however many one-time passwords come after them.
    private let pinned = NIOLockedValueBox<[String]>([])
    private let known = NIOLockedValueBox<[String]>([])
    /// At most this many passing values are kept, the oldest forgotten first (one-time passwords are
    /// registered as they are issued).
    private let capacity = 512

    /// Lower-cased fragments, one of which every shape below contains: a line with none of them
    /// (nearly every line) is not searched further.
    private static let triggers = ["authorization", "cookie", "bearer", "password", "passwd", "token", "secret",
                                   "otp", "key", "rectify_session", "csrf", "rct_", "sessionid"]

    private static let patterns: [NSRegularExpression] = [
        // Header names followed by their value, as HTTP, NIO's and Vapor's descriptions print them.
        #"(?i)((?:proxy-)?authorization|set-cookie|cookie|x-csrf-token)("?\s*[:=,]\s*"?)[^"\r\n\]\)]*"#,
        #"(?i)(bearer|basic)(\s+)[A-Za-z0-9._~+/=\-]+"#,
        #"(rectify_session)(=)[^;\s"&,]+"#,
        // A session's key as Vapor prints it (Fluent's session store logs it among a query's binds).
        #"(SessionID\(string: \\?")()[^"\\]+"#,
        // Rectify's API tokens, wherever they appear (a response body, a command's output).
        #"(rct_)()[A-Za-z0-9_\-]{20,}"#,
        // key=value in forms and query strings (webhook keys such as WeCom's `key` or DingTalk's
        // `access_token` included).
        #"(?i)\b([a-z_]*(?:password|passwd|token|secret|otp|key|csrf))(=)[^&\s"',;]+"#,
        // "field": "value" in JSON.
        #"(?i)("[a-z_]*(?:password|passwd|token|secret|otp|csrf)"\s*)(:\s*)"(?:[^"\\]|\\.)*""#,
    ].map { try! NSRegularExpression(pattern: $0) }

    public init() {}

    /// Registers a value that must never be written (empty and very short values are ignored: they
    /// would blank out ordinary words).
    public func register(_ secret: String?) {
        guard let secret, secret.count >= 6 else { return }
        known.withLockedValue { values in
            guard !values.contains(secret) else { return }
            values.append(secret)
            if values.count > capacity { values.removeFirst(values.count - capacity) }
        }
    }

    /// Registers a value of the configuration, never forgotten (same length rule as `register`).
    public func pin(_ secret: String?) {
        guard let secret, secret.count >= 6 else { return }
        pinned.withLockedValue { values in
            if !values.contains(secret) { values.append(secret) }
        }
    }

    public func redact(_ text: String) -> String {
        var result = text
        let secrets = pinned.withLockedValue { $0 } + known.withLockedValue { $0 }
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        let lower = result.lowercased()
        guard Self.triggers.contains(where: { lower.contains($0) }) else { return result }
        for pattern in Self.patterns {
            let range = NSRange(result.startIndex..., in: result)
            result = pattern.stringByReplacingMatches(in: result, range: range, withTemplate: "$1$2\(Self.mask)")
        }
        return result
    }
}
