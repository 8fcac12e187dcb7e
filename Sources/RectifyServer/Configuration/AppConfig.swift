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
        return AppConfig(database: database, uploadLimitBytes: limit, calendarFile: calendar)
    }
}
