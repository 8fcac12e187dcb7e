import Foundation

/// The request a piece of work belongs to, carried by the task that serves it. Log lines and audit
/// events read it from here, so that code which logs through the application's logger (not the
/// request's) or writes the ledger far from the request still carries the request id.
public enum RequestTrace {
    @TaskLocal public static var requestID: String?

    /// An id from a proxy's `X-Request-Id`, kept only if it is short and plain, so that a client
    /// cannot write arbitrary text into every log line and audit event of its request.
    public static func accept(_ header: String?) -> String? {
        guard let header, (1...128).contains(header.utf8.count) else { return nil }
        let allowed = header.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A
        }
        return allowed ? header : nil
    }

    /// A new id: 16 random bytes in hex, the shape most proxies make.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return String(format: "%016llx%016llx", high, low)
    }
}
