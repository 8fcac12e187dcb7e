import Foundation
import Logging
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
    /// Addresses that may read `/metrics` without a token.
    public var metricsAllow: [AddressRange] = [.loopbackV4, .loopbackV6]
    /// A bearer token that reads `/metrics` from anywhere.
    public var metricsToken: String?
    /// How long requests in flight may take to finish after SIGTERM.
    public var shutdownGraceSeconds: Int = 25
    /// SQLite's page cache and memory map per connection, in MiB (`SQLiteConnectionTuning`).
    public var sqliteCacheMB: Int = 64
    public var sqliteMmapMB: Int = 256

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

    /// Every variable the reader below takes, in the README's order.
    public static let variables: [ConfigVariable] = [
        ConfigVariable("DATABASE_URL", default: "`./rectify.sqlite` in the working directory",
                       "`postgres://USER:PASSWORD@HOST:PORT/DB` (add `?sslmode=require` for TLS) or `sqlite:PATH`; a malformed value stops the program"),
        ConfigVariable("RECTIFY_UPLOAD_LIMIT_MB", default: "20", "largest accepted request body (evidence files, imports), 1–1024"),
        ConfigVariable("RECTIFY_CALENDAR", default: "none",
                       "an extra working-day calendar file (same format as `Sources/RectifyCore/Resources/cn-workdays.json`); years imported with `rectify calendar import` take precedence over it"),
        ConfigVariable("RECTIFY_SCAN_INTERVAL_MINUTES", default: "60",
                       "minutes between escalation scans and notification deliveries inside `serve` (0 = off)"),
        ConfigVariable("RECTIFY_LOOKBACK_WORKING_DAYS", default: "20",
                       "working days after a problem's close-out when its look-back (回头看) is scheduled"),
        ConfigVariable("RECTIFY_ARCHIVE_LIMIT_MB", default: "4",
                       "inflated size of the parts one uploaded .docx/.xlsx read takes out of its archive (see Security)"),
        ConfigVariable("RECTIFY_ARCHIVE_MAX_ENTRIES", default: "1000", "entries an uploaded archive may hold"),
        ConfigVariable("RECTIFY_ARCHIVE_MAX_RATIO", default: "100", "compression ratio of an archive part past its first 1 MB"),
        ConfigVariable("RECTIFY_TEXT_REPORT_LIMIT_MB", default: "1", "size of a plain-text or HTML report"),
        ConfigVariable("RECTIFY_HEAVY_WORK_LIMIT", default: "half the cores (at least 1)",
                       "heavy requests (imports, checks, documents) running at a time per server"),
        ConfigVariable("RECTIFY_HEAVY_WORK_QUEUE", default: "16", "heavy requests waiting per server; beyond it 503 with Retry-After"),
        ConfigVariable("RECTIFY_FEEDBACK_PER_ADDRESS", default: "5", "anonymous feedback per client address in 10 minutes, across all servers"),
        ConfigVariable("RECTIFY_FEEDBACK_PER_ROUND", default: "200", "anonymous feedback per round in an hour, across all servers"),
        ConfigVariable("RECTIFY_TRUST_FORWARDED_FOR", default: "false",
                       "`true` behind a reverse proxy: the client address is the last one in `X-Forwarded-For`"),
        ConfigVariable("RECTIFY_SMTP_HOST", default: "none", "the mail relay notices are sent through (plain SMTP, optional AUTH PLAIN)"),
        ConfigVariable("RECTIFY_SMTP_PORT", default: "25", "the mail relay's port"),
        ConfigVariable("RECTIFY_SMTP_FROM", default: "none (required with a host)", "the sender address of notices"),
        ConfigVariable("RECTIFY_SMTP_USER", default: "none", "AUTH PLAIN user name"),
        ConfigVariable("RECTIFY_SMTP_PASSWORD", default: "none", "AUTH PLAIN password (never logged)"),
        ConfigVariable("RECTIFY_METRICS_ALLOW", default: "`127.0.0.1,::1`",
                       "comma-separated addresses or CIDR ranges that may read `GET /metrics` without a token (empty: none)"),
        ConfigVariable("RECTIFY_METRICS_TOKEN", default: "none",
                       "a bearer token (at least 16 characters) that reads `GET /metrics` from anywhere; an administrator's API token also does"),
        ConfigVariable("RECTIFY_SHUTDOWN_GRACE_SECONDS", default: "25",
                       "on SIGTERM, how long requests in flight may take to finish before their connections are closed"),
        ConfigVariable("RECTIFY_SQLITE_CACHE_MB", default: "64",
                       "SQLite only: page cache of each database connection (one per core), beside the operating system's file cache"),
        ConfigVariable("RECTIFY_SQLITE_MMAP_MB", default: "256",
                       "SQLite only: how much of the database file each connection reads through a memory map (0: none)"),
        ConfigVariable("LOG_FORMAT", default: "text", "`text` for people, `json` for one JSON object per line (with `request_id`)"),
        ConfigVariable("LOG_LEVEL", default: "`info`", "`trace` … `critical` (also `--log LEVEL`)"),
    ]

    /// Reads every variable of `variables` from the environment.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        var env = ConfigEnvironment(environment)
        return try read(&env, environment)
    }

    /// The names `fromEnvironment` reads for this environment (a test compares them with `variables`).
    static func namesRead(_ environment: [String: String]) throws -> Set<String> {
        var env = ConfigEnvironment(environment)
        _ = try read(&env, environment)
        return env.read
    }

    private static func read(_ env: inout ConfigEnvironment, _ environment: [String: String]) throws -> AppConfig {
        let database = try DatabaseLocation.parse(env.value("DATABASE_URL"))
        func number(_ name: String, _ range: ClosedRange<Int>, _ unit: String, _ env: inout ConfigEnvironment) throws -> Int? {
            guard let text = env.value(name) else { return nil }
            guard let value = Int(text), range.contains(value) else {
                throw Invalid(description: "\(name) must be a whole number\(unit) from \(range.lowerBound) to \(range.upperBound), got \(text)")
            }
            return value
        }
        let limit = try number("RECTIFY_UPLOAD_LIMIT_MB", 1...1024, " of megabytes", &env).map { $0 * 1_048_576 } ?? 20 * 1_048_576
        var config = AppConfig(database: database, uploadLimitBytes: limit, calendarFile: env.value("RECTIFY_CALENDAR"))
        if let days = try number("RECTIFY_LOOKBACK_WORKING_DAYS", 1...250, "", &env) { config.lookBackWorkingDays = days }
        if let minutes = try number("RECTIFY_SCAN_INTERVAL_MINUTES", 0...1440, "", &env) { config.scanIntervalMinutes = minutes }
        if let mb = try number("RECTIFY_ARCHIVE_LIMIT_MB", 1...4096, " of megabytes", &env) {
            config.uploadLimits.maxUncompressedBytes = mb * 1_048_576
        }
        if let entries = try number("RECTIFY_ARCHIVE_MAX_ENTRIES", 10...65_535, "", &env) { config.uploadLimits.maxEntries = entries }
        if let ratio = try number("RECTIFY_ARCHIVE_MAX_RATIO", 10...10_000, "", &env) { config.uploadLimits.maxCompressionRatio = ratio }
        if let mb = try number("RECTIFY_TEXT_REPORT_LIMIT_MB", 1...1024, " of megabytes", &env) {
            config.uploadLimits.maxTextReportBytes = mb * 1_048_576
        }
        if let limit = try number("RECTIFY_HEAVY_WORK_LIMIT", 1...256, "", &env) { config.heavyWorkLimit = limit }
        if let queue = try number("RECTIFY_HEAVY_WORK_QUEUE", 0...10_000, "", &env) { config.heavyWorkQueue = queue }
        if let count = try number("RECTIFY_FEEDBACK_PER_ADDRESS", 1...10_000, "", &env) { config.anonymousWritesPerAddress = count }
        if let count = try number("RECTIFY_FEEDBACK_PER_ROUND", 1...1_000_000, "", &env) { config.anonymousWritesPerRound = count }
        if let flag = try boolean("RECTIFY_TRUST_FORWARDED_FOR", &env) { config.trustForwardedFor = flag }
        let port = try number("RECTIFY_SMTP_PORT", 1...65535, "", &env) ?? 25
        let from = env.value("RECTIFY_SMTP_FROM")
        let user = env.value("RECTIFY_SMTP_USER")
        let password = env.value("RECTIFY_SMTP_PASSWORD")
        if let host = env.value("RECTIFY_SMTP_HOST") {
            guard let from, from.contains("@") else {
                throw Invalid(description: "RECTIFY_SMTP_FROM must be the sender's mail address when RECTIFY_SMTP_HOST is set")
            }
            config.smtp = SMTPSettings(host: host, port: port, from: from, username: user, password: password)
        }
        if let text = env.value("RECTIFY_METRICS_ALLOW") {
            do { config.metricsAllow = try AddressRange.parseList(text) } catch let error as AddressRange.Malformed {
                throw Invalid(description: "RECTIFY_METRICS_ALLOW: \(error.description)")
            }
        }
        if let token = env.value("RECTIFY_METRICS_TOKEN") {
            guard token.count >= 16 else { throw Invalid(description: "RECTIFY_METRICS_TOKEN must be at least 16 characters") }
            config.metricsToken = token
        }
        if let seconds = try number("RECTIFY_SHUTDOWN_GRACE_SECONDS", 1...3600, " of seconds", &env) { config.shutdownGraceSeconds = seconds }
        if let mb = try number("RECTIFY_SQLITE_CACHE_MB", 1...65_536, " of MiB", &env) { config.sqliteCacheMB = mb }
        if let mb = try number("RECTIFY_SQLITE_MMAP_MB", 0...1_048_576, " of MiB", &env) { config.sqliteMmapMB = mb }
        // The log handler is made before the configuration (entrypoint); the value is checked here too,
        // so that the table of variables holds it and a bad one is refused with the others.
        if env.value("LOG_FORMAT") != nil { _ = try logFormat(from: environment) }
        // Vapor reads the level itself (`Logger.Level.detect`); it is named here for the table and checked.
        if let text = env.value("LOG_LEVEL"), Logger.Level(rawValue: text.lowercased()) == nil {
            throw Invalid(description: "LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical, got \(text)")
        }
        return config
    }

    private static func boolean(_ name: String, _ env: inout ConfigEnvironment) throws -> Bool? {
        guard let text = env.value(name) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw Invalid(description: "\(name) must be true or false, got \(text)")
        }
    }

    /// `LOG_FORMAT` alone, for the entrypoint: logging starts before the rest is read.
    public static func logFormat(from environment: [String: String]) throws -> LogFormat {
        var env = ConfigEnvironment(environment)
        guard let text = env.value("LOG_FORMAT") else { return .text }
        guard let format = LogFormat(rawValue: text.lowercased()) else {
            throw Invalid(description: "LOG_FORMAT must be text or json, got \(text)")
        }
        return format
    }

    /// The README's configuration table.
    public static var referenceTable: String {
        var lines = ["| variable | meaning | default |", "|---|---|---|"]
        for variable in variables {
            lines.append("| `\(variable.name)` | \(variable.meaning) | \(variable.defaultValue) |")
        }
        return lines.joined(separator: "\n")
    }
}
