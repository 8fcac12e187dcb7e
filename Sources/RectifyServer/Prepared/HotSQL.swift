import FluentPostgresDriver
import SQLKit
import Synchronization

/// A read of a hot path. On PostgreSQL it runs as a named prepared statement: the connection
/// parses and plans it the first time it runs that text and from then on only binds and executes it.
/// Hot statements are built from a request's filters and scope, so they are named by their text (and
/// their binds' types), not by a Swift type: each distinct text is prepared once per pooled
/// connection. On SQLite, and for a text past `PreparedNames.limit`, it runs like any other statement.
struct HotSQL: SQLExpression {
    let statement: SQLQueryString
    func serialize(to serializer: inout SQLSerializer) { statement.serialize(to: &serializer) }
}

extension SQLDatabase {
    /// `statement`, run prepared on PostgreSQL (`HotSQL`); `.all()` and `.first()` as with `raw`.
    func hot(_ statement: SQLQueryString) -> HotQuery { HotQuery(query: HotSQL(statement: statement), database: self) }
}

final class HotQuery: SQLQueryFetcher, Sendable {
    let query: any SQLExpression
    let database: any SQLDatabase
    init(query: HotSQL, database: any SQLDatabase) {
        self.query = query
        self.database = database
    }
}

/// The names given to hot statements' texts, the same on every connection of the process. The number
/// of texts is bounded by the code (filters present or not, how many rounds, units or measures an IN-list
/// holds), and the limit keeps a connection's prepared statements bounded even so: past it a new text runs
/// unnamed. Names count up, never reused, so a name dropped after a failure is never given to another text.
enum PreparedNames {
    static let limit = 512
    private struct State {
        var names: [String: String] = [:]
        var issued = 0
    }
    private static let state = Mutex(State())

    static func name(for key: String) -> String? {
        state.withLock { state in
            if let name = state.names[key] { return name }
            guard state.issued < limit else { return nil }
            state.issued += 1
            let name = "rectify_hot_\(state.issued)"
            state.names[key] = name
            return name
        }
    }

    /// Drops the name of a text whose statement failed: PostgresNIO keeps a failed preparation's error for
    /// the name on that connection, so a passing failure (a lock timeout during a migration, a cancelled
    /// query) would otherwise fail the text there for the connection's life. The next run names it anew.
    static func forget(_ key: String) {
        state.withLock { _ = $0.names.removeValue(forKey: key) }
    }

    /// Whether a text that `matches` has been given a name (tests).
    static func named(where matches: (String) -> Bool) -> Bool {
        state.withLock { $0.names.keys.contains(where: matches) }
    }
}

/// The prepared statement PostgresNIO runs for a hot text. PostgresNIO takes a statement's name, text
/// and parameter types from its type; this one takes them from the task that runs it.
private struct HotPreparedStatement: PostgresPreparedStatement {
    struct Text: Sendable {
        let name: String
        let sql: String
        let types: [PostgresDataType]
    }

    @TaskLocal static var text: Text?
    static var name: String { current.name }
    static var sql: String { current.sql }
    static var bindingDataTypes: [PostgresDataType] { current.types }
    private static var current: Text {
        guard let text else { preconditionFailure("a hot statement runs only within HotSQL.preparedRows") }
        return text
    }

    typealias Row = PostgresRow
    let bindings: PostgresBindings
    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

extension HotSQL {
    /// The rows, from a statement prepared on the connection; nil when it cannot be prepared (a bind
    /// of a type PostgresKit encodes only through Codable, or past the limit of names), for the
    /// caller to run it unnamed.
    func preparedRows(on postgres: any PostgresDatabase, serializingFor database: any SQLDatabase,
                      logger: Logger) async throws -> [PostgresRow]? {
        var serializer = SQLSerializer(database: database)
        serialize(to: &serializer)
        var bindings = PostgresBindings(capacity: serializer.binds.count)
        var types: [PostgresDataType] = []
        for bind in serializer.binds {
            guard let type = Self.append(bind, to: &bindings) else { return nil }
            types.append(type)
        }
        let key = serializer.sql + "\u{1F}" + types.map { "\($0.rawValue)" }.joined(separator: ",")
        guard let name = PreparedNames.name(for: key) else { return nil }
        let text = HotPreparedStatement.Text(name: name, sql: serializer.sql, types: types)
        let statement = HotPreparedStatement(bindings: bindings)
        do {
            return try await postgres.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    try await HotPreparedStatement.$text.withValue(text) {
                        var rows: [PostgresRow] = []
                        for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
                        return rows
                    }
                }
            }.get()
        } catch {
            PreparedNames.forget(key)
            throw error
        }
    }

    /// Appends `value` as PostgresKit would (the value's own PostgreSQL encoding) and returns the
    /// parameter's type; nil for a value PostgresKit would encode through Codable. A null is sent with
    /// its optional's type, so a statement is planned alike whether a value is given or not.
    private static func append(_ value: any Encodable, to bindings: inout PostgresBindings) -> PostgresDataType? {
        if let optional = value as? any OptionalBind {
            if let wrapped = optional.wrapped { return append(wrapped, to: &bindings) }
            guard let type = (type(of: optional).wrappedType as? any PostgresEncodable.Type)?.psqlType else { return nil }
            bindings.appendNull()
            return type
        }
        guard let encodable = value as? any PostgresThrowingDynamicTypeEncodable,
              (try? bindings.append(encodable)) != nil else { return nil }
        return encodable.psqlType
    }
}

/// An optional bind, seen through `any Encodable`.
private protocol OptionalBind {
    var wrapped: (any Encodable)? { get }
    static var wrappedType: Any.Type { get }
}

extension Optional: OptionalBind where Wrapped: Encodable {
    fileprivate var wrapped: (any Encodable)? { self.map { $0 } }
    fileprivate static var wrappedType: Any.Type { Wrapped.self }
}
