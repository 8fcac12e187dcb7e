import Vapor

/// `rectify tick`: one escalation scan and one outbox delivery, as `serve` does periodically.
struct TickCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Runs the escalation scan (issuing reminder notices by rule) and delivers pending notifications once." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let scan = try await EscalationScan().run(app)
        if scan.skippedBecauseLeased {
            context.console.print("escalation scan: another server is running it; skipped")
        } else {
            context.console.print("escalation scan: \(scan.measuresScanned) open measures, \(scan.noticesIssued) notices issued for \(scan.itemsNoticed) measures")
        }
        let delivery = try await OutboxDelivery().run(app)
        if delivery.skippedBecauseLeased {
            context.console.print("notifications: another server is delivering them; skipped")
        } else {
            context.console.print("notifications: \(delivery.sent) sent, \(delivery.failed) to retry, \(delivery.dead) dead-lettered")
        }
    }
}
