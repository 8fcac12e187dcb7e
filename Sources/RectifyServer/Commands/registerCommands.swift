import Vapor

func registerCommands(_ app: Application) {
    app.asyncCommands.use(RectifyServeCommand(), as: "serve", isDefault: true)
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(TickCommand(), as: "tick")
    app.asyncCommands.use(CheckCommand(), as: "check")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(ReportCommand(), as: "report")
    app.asyncCommands.use(ExportCommand(), as: "export")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(GenerateCommand(), as: "generate")
    app.asyncCommands.use(CalendarCommand(), as: "calendar")
}
