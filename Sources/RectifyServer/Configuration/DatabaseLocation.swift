import Foundation

/// Where the ledger lives: an embedded SQLite file (the default) or a PostgreSQL server.
public enum DatabaseLocation: Equatable, Sendable {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(URL)

    public struct Malformed: Error, CustomStringConvertible, Sendable {
        public let value: String
        public let reason: String
        public var description: String {
            "DATABASE_URL is malformed (\(reason)): \(Self.redact(value)). "
                + "Expected postgres://USER:PASSWORD@HOST:PORT/DATABASE or sqlite:PATH. Refusing to start on a throwaway database."
        }

        static func redact(_ value: String) -> String {
            guard let at = value.firstIndex(of: "@"), let scheme = value.range(of: "://") else { return value }
            return String(value[..<scheme.upperBound]) + "***" + String(value[at...])
        }
    }

    /// Parses `DATABASE_URL`. `nil` or empty means the default SQLite file in the working directory.
    public static func parse(_ value: String?, defaultSQLitePath: String = "rectify.sqlite") throws -> DatabaseLocation {
        guard let raw = value?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            return .sqliteFile(defaultSQLitePath)
        }
        if raw == "sqlite::memory:" { return .sqliteMemory }
        if raw.hasPrefix("sqlite:") {
            var path = String(raw.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw Malformed(value: raw, reason: "sqlite: needs a file path") }
            return .sqliteFile(path)
        }
        guard raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") else {
            throw Malformed(value: raw, reason: "unknown scheme")
        }
        guard let url = URL(string: raw), let host = url.host, !host.isEmpty else {
            throw Malformed(value: raw, reason: "no host")
        }
        guard url.user != nil else { throw Malformed(value: raw, reason: "no user name") }
        let database = url.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard !database.isEmpty, !database.contains("/") else {
            throw Malformed(value: raw, reason: "no database name")
        }
        if let port = url.port, !(1...65535).contains(port) {
            throw Malformed(value: raw, reason: "port out of range")
        }
        return .postgres(url)
    }

    public var isPostgres: Bool { if case .postgres = self { true } else { false } }
}
