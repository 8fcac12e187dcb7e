import Foundation
import Vapor

/// The log level of a command other than `serve`: warnings and errors only, so that a command
/// shows its result or one clear error and not the framework's notes (a dozen `[Migrator]` lines
/// when it migrates a new database). `serve` keeps the level it was given; so does any command run
/// with `LOG_LEVEL` or `--log`.
enum CommandLogLevel {
    /// The level for a command line, or nil to keep the one the logging system was set up with.
    /// `arguments` start with the executable; `explicit` says LOG_LEVEL or --log was given.
    static func level(arguments: [String], explicit: Bool) -> Logger.Level? {
        guard !explicit else { return nil }
        // Vapor runs `serve` when no command is named (`rectify`, `rectify --port 8080`).
        guard let command = arguments.dropFirst().first, !command.hasPrefix("-"), command != "serve" else { return nil }
        return .warning
    }
}

/// Lowers the application logger (which the database and the migrator log through) for commands.
func quietenCommandLogs(_ app: Application) {
    let explicit = Environment.get("LOG_LEVEL") != nil || ProcessInfo.processInfo.arguments.contains("--log")
    guard let level = CommandLogLevel.level(arguments: app.environment.arguments, explicit: explicit),
          level > app.logger.logLevel else { return }
    app.logger.logLevel = level
}
