import Vapor

/// `rectify demo`: loads the fictional demo ledger into an empty database.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Loads the demo ledger (a fictional bureau and its inspection) into an empty database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.openLedger()
        guard let accounts = try await DemoLedger.loadIfEmpty(context.application) else {
            throw CLIError("the database already holds inspection rounds; the demo loads only into an empty ledger")
        }
        context.console.info("已载入演示数据。演示账号（密码均为 \(DemoLedger.password)）：")
        for account in accounts { context.console.print("  \(account.username)\t\(account.role)") }
    }
}
