import Foundation
import RectifyCore

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
    /// What reading one uploaded report or workbook may cost (inflated size, entries, ratio, XML shape).
    public var uploadLimits = UploadLimits.standard
    /// Heavy requests (imports, checks, generated documents) run at most this many at a time per server…
    public var heavyWorkLimit: Int = max(1, ProcessInfo.processInfo.activeProcessorCount / 2)
    /// …with at most this many waiting; beyond it a request is refused with 503 and Retry-After.
    public var heavyWorkQueue: Int = 16
    /// Anonymous writes (public feedback) one address may make in ten minutes, on all servers together.
    public var anonymousWritesPerAddress: Int = 5
    /// Anonymous writes about one round in an hour, from all addresses together.
    public var anonymousWritesPerRound: Int = 200
    /// Take the client's address from the last hop of X-Forwarded-For (behind a reverse proxy only).
    public var trustForwardedFor = false

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
        func number(_ name: String, _ range: ClosedRange<Int>, _ unit: String) throws -> Int? {
            guard let text = env[name], !text.isEmpty else { return nil }
            guard let value = Int(text), range.contains(value) else {
                throw Invalid(description: "\(name) must be a whole number\(unit) from \(range.lowerBound) to \(range.upperBound), got \(text)")
            }
            return value
        }
        if let mb = try number("RECTIFY_ARCHIVE_LIMIT_MB", 1...4096, " of megabytes") {
            config.uploadLimits.maxUncompressedBytes = mb * 1_048_576
        }
        if let entries = try number("RECTIFY_ARCHIVE_MAX_ENTRIES", 10...65_535, "") { config.uploadLimits.maxEntries = entries }
        if let ratio = try number("RECTIFY_ARCHIVE_MAX_RATIO", 10...10_000, "") { config.uploadLimits.maxCompressionRatio = ratio }
        if let mb = try number("RECTIFY_TEXT_REPORT_LIMIT_MB", 1...1024, " of megabytes") {
            config.uploadLimits.maxTextReportBytes = mb * 1_048_576
        }
        if let limit = try number("RECTIFY_HEAVY_WORK_LIMIT", 1...256, "") { config.heavyWorkLimit = limit }
        if let queue = try number("RECTIFY_HEAVY_WORK_QUEUE", 0...10_000, "") { config.heavyWorkQueue = queue }
        if let count = try number("RECTIFY_FEEDBACK_PER_ADDRESS", 1...10_000, "") { config.anonymousWritesPerAddress = count }
        if let count = try number("RECTIFY_FEEDBACK_PER_ROUND", 1...1_000_000, "") { config.anonymousWritesPerRound = count }
        if let text = env["RECTIFY_TRUST_FORWARDED_FOR"], !text.isEmpty {
            guard ["true", "false", "1", "0"].contains(text) else {
                throw Invalid(description: "RECTIFY_TRUST_FORWARDED_FOR must be true or false, got \(text)")
            }
            config.trustForwardedFor = text == "true" || text == "1"
        }
        return config
    }
}
