import Fluent
import Vapor

/// `rectify serve [--demo] [--hostname H] [--port P]`: migrates the database (creating the
/// embedded SQLite file on first start), optionally loads the demo, then serves.
struct RectifyServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "demo", help: "Load the demo ledger into an empty database before serving.")
        var demo: Bool
        @Option(name: "hostname", short: "H", help: "Address to listen on (default 127.0.0.1).")
        var hostname: String?
        @Option(name: "port", short: "p", help: "Port to listen on (default 8080).")
        var port: Int?
    }

    var help: String { "Migrates the database and starts the Rectify server." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.openLedger()
        app.warnAboutCalendarCoverage()
        await SearchLocale.check(app)
        if signature.demo {
            let loaded = try await DemoLedger.loadIfEmpty(app)
            if let accounts = loaded {
                context.console.info("已载入演示数据。演示账号（密码均为 \(DemoLedger.password)）：")
                for account in accounts { context.console.print("  \(account.username)\t\(account.role)") }
            }
        }
        if try await User.query(on: app.db).count() == 0 {
            context.console.warning("数据库中还没有用户。创建第一个管理员：")
            context.console.print("  rectify user create --name admin --display 管理员 --role admin")
        }
        let jobs = PeriodicJobs(intervalMinutes: app.rectifyConfig.scanIntervalMinutes)
        jobs.start(app)
        app.lifecycle.use(jobs)
        var arguments = ["rectify"]
        if let host = signature.hostname { arguments += ["--hostname", host] }
        if let port = signature.port { arguments += ["--port", String(port)] }
        var serveContext = context
        serveContext.input = CommandInput(arguments: arguments)
        serveContext.input.executablePath.append("serve")
        try await app.servers.asyncCommand.run(using: &serveContext)
    }
}
