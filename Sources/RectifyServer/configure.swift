import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import LeafKit
import NIOSSL
import RectifyCore
import SQLKit
import Vapor

/// Settings tests override; production reads them from the environment.
public struct ConfigureOverrides: Sendable {
    public var config: AppConfig?
    public var now: (@Sendable () -> Date)?
    public var bcryptCost: Int?

    public init(config: AppConfig? = nil, now: (@Sendable () -> Date)? = nil, bcryptCost: Int? = nil) {
        self.config = config
        self.now = now
        self.bcryptCost = bcryptCost
    }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    public var rectifyConfig: AppConfig {
        get { storage[ConfigKey.self] ?? AppConfig(database: .sqliteMemory) }
        set { storage[ConfigKey.self] = newValue }
    }
}

/// Configures the application: database, sessions, views, middleware, migrations, routes, commands.
public func configure(_ app: Application, _ overrides: ConfigureOverrides = .init()) async throws {
    let config = try overrides.config ?? AppConfig.fromEnvironment()
    app.rectifyConfig = config
    if let now = overrides.now { app.clock = AppClock(now: now) }
    if let cost = overrides.bcryptCost { app.credentials.bcryptCost = cost }

    RectifyMetrics.bootstrap()
    SecretRedactor.shared.pin(config.smtp?.password)
    SecretRedactor.shared.pin(config.metricsToken)
    // On SIGTERM the server stops accepting and gives requests in flight this long (ServeCommand).
    app.http.server.configuration.shutdownTimeout = .seconds(Int64(config.shutdownGraceSeconds))

    try app.loadWorkingCalendar(extraFile: config.calendarFile)
    // Connections open on first use (`Application.openLedger`): a command that needs no database opens none.
    try configureDatabase(app, config.database)
    quietenCommandLogs(app)

    app.routes.defaultMaxBodySize = ByteCount(integerLiteral: config.uploadLimitBytes)
    app.sessions.use { app in SessionStore(base: app.fluent.sessions.driver()) }
    app.sessions.configuration.cookieName = "rectify_session"
    app.sessions.configuration.cookieFactory = { sessionID in
        .init(string: sessionID.string, expires: nil, maxAge: config.sessionLifetimeSeconds,
              isHTTPOnly: true, sameSite: .lax)
    }

    // Vapor's Leaf provider turns the template cache off in the development environment, which is
    // what `rectify serve` runs in unless told otherwise: every page then read and parsed its
    // templates again (a tenth of the board's time). Templates ship with the build, so they are
    // cached in every environment.
    app.views.use { app in
        var userInfo = app.leaf.userInfo
        userInfo["application"] = app
        return LeafRenderer(configuration: app.leaf.configuration, tags: app.leaf.tags, cache: app.leaf.cache,
                            sources: app.leaf.sources, eventLoop: app.eventLoopGroup.any(), userInfo: userInfo)
    }
    // Templates are sandboxed to the bundle's Views folder. `.toVisibleFiles` is left out on purpose:
    // a build's bundle lives under `.build/`, which that limit would refuse as a hidden path.
    app.leaf.configuration = LeafConfiguration(rootDirectory: ResourcePaths.views)
    app.leaf.sources = .singleSource(NIOLeafFiles(
        fileio: app.fileio, limits: [.toSandbox, .requireExtensions],
        sandboxDirectory: ResourcePaths.views, viewDirectory: ResourcePaths.views))

    app.loginThrottle = LoginThrottle()
    app.ledgerCache = LedgerRevisionCache()
    app.middleware = Middlewares()
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(RectifyErrorMiddleware(environment: app.environment))
    app.middleware.use(StaticFilesMiddleware(files: FileMiddleware(publicDirectory: ResourcePaths.publicFiles)))
    app.middleware.use(CalendarRefreshMiddleware())
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(UserAuthenticator())
    app.middleware.use(HeavyWorkMiddleware())
    app.middleware.use(CSRFMiddleware())

    app.databases.middleware.use(StatusHistoryMiddleware<Problem>(clock: app.clock))
    app.databases.middleware.use(StatusHistoryMiddleware<Measure>(clock: app.clock))
    registerMigrations(app)
    try routes(app)
    registerCommands(app)
}

private func configureDatabase(_ app: Application, _ location: DatabaseLocation) throws {
    let loops = System.coreCount
    app.sqliteTuning = SQLiteConnectionTuning(cacheMB: app.rectifyConfig.sqliteCacheMB, mmapMB: app.rectifyConfig.sqliteMmapMB)
    switch location {
    case .sqliteMemory:
        // SQLiteKit keeps an "in-memory" database in a temporary file (several connections must share
        // it) and never removes it; this one is named here and removed when the application stops.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-memory-\(UUID().uuidString).sqlite")
        app.databaseMeter = DatabaseMeter(database: "sqlite", connections: loops)
        app.databases.use(.metered(.sqlite(.file(file.path)), meter: app.databaseMeter, tuning: app.sqliteTuning), as: .sqlite)
        app.lifecycle.use(TemporaryDatabaseFile(path: file.path))
        app.storage[TemporaryDatabaseFile.self] = file.path
    case .sqliteFile(let path):
        app.databaseMeter = DatabaseMeter(database: "sqlite", connections: loops)
        app.databases.use(.metered(.sqlite(.file(path)), meter: app.databaseMeter, tuning: app.sqliteTuning), as: .sqlite)
    case .postgres(let url):
        var postgres = try SQLPostgresConfiguration(url: url)
        if url.query?.contains("sslmode=disable") ?? true {
            postgres.coreConfiguration.tls = .disable
        }
        let perLoop = 4
        app.databaseMeter = DatabaseMeter(database: "postgresql", connections: perLoop * loops)
        app.databases.use(.metered(.postgres(configuration: postgres, maxConnectionsPerEventLoop: perLoop), meter: app.databaseMeter),
                          as: .psql)
    }
}

/// Removes the file of a throwaway SQLite database, and its journal, when the application stops.
struct TemporaryDatabaseFile: LifecycleHandler, StorageKey {
    typealias Value = String

    let path: String

    func shutdown(_ application: Application) {
        for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
