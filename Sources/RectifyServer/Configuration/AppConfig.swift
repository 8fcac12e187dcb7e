import Foundation

/// The one typed place that reads Rectify's environment variables.
public struct AppConfig: Sendable {
    public var database: DatabaseLocation
    /// Largest accepted upload (evidence files, imported documents), in bytes.
    public var uploadLimitBytes: Int
    /// An operator's extra working-day calendar file (same format as the bundled one).
    public var calendarFile: String?
    /// Seconds a browser session lasts without activity.
    public var sessionLifetimeSeconds: Int
    /// The mail server notices are sent through, if any.
    public var smtp: SMTPSettings?
    /// Working days after close-out when the look-back (回头看) is scheduled.
    public var lookBackWorkingDays: Int = 20
    /// Minutes between escalation scans and outbox deliveries inside `serve` (0 turns them off).
    public var scanIntervalMinutes: Int = 60

    public init(database: DatabaseLocation, uploadLimitBytes: Int = 20 * 1_048_576,
                calendarFile: String? = nil, sessionLifetimeSeconds: Int = 8 * 3600) {
        self.database = database
        self.uploadLimitBytes = uploadLimitBytes
        self.calendarFile = calendarFile
        self.sessionLifetimeSeconds = sessionLifetimeSeconds
    }

    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Reads `DATABASE_URL`, `RECTIFY_UPLOAD_LIMIT_MB` and `RECTIFY_CALENDAR`.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        let database = try DatabaseLocation.parse(env["DATABASE_URL"])
        var limit = 20 * 1_048_576
        if let text = env["RECTIFY_UPLOAD_LIMIT_MB"], !text.isEmpty {
            guard let mb = Int(text), (1...1024).contains(mb) else {
                throw Invalid(description: "RECTIFY_UPLOAD_LIMIT_MB must be a whole number of megabytes from 1 to 1024, got \(text)")
            }
            limit = mb * 1_048_576
        }
        let calendar = env["RECTIFY_CALENDAR"].flatMap { $0.isEmpty ? nil : $0 }
        var config = AppConfig(database: database, uploadLimitBytes: limit, calendarFile: calendar)
        if let host = env["RECTIFY_SMTP_HOST"], !host.isEmpty {
            let portText = env["RECTIFY_SMTP_PORT"] ?? "25"
            guard let port = Int(portText), (1...65535).contains(port) else {
                throw Invalid(description: "RECTIFY_SMTP_PORT must be a port number, got \(portText)")
            }
            guard let from = env["RECTIFY_SMTP_FROM"], from.contains("@") else {
                throw Invalid(description: "RECTIFY_SMTP_FROM must be the sender's mail address when RECTIFY_SMTP_HOST is set")
            }
            config.smtp = SMTPSettings(host: host, port: port, from: from, username: env["RECTIFY_SMTP_USER"],
                                       password: env["RECTIFY_SMTP_PASSWORD"])
        }
        if let text = env["RECTIFY_LOOKBACK_WORKING_DAYS"], !text.isEmpty {
            guard let days = Int(text), (1...250).contains(days) else {
                throw Invalid(description: "RECTIFY_LOOKBACK_WORKING_DAYS must be 1 to 250, got \(text)")
            }
            config.lookBackWorkingDays = days
        }
        if let text = env["RECTIFY_SCAN_INTERVAL_MINUTES"], !text.isEmpty {
            guard let minutes = Int(text), (0...1440).contains(minutes) else {
                throw Invalid(description: "RECTIFY_SCAN_INTERVAL_MINUTES must be 0 to 1440, got \(text)")
            }
            config.scanIntervalMinutes = minutes
        }
        return config
    }
}
