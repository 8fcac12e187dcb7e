import Vapor

/// `rectify tick`: one escalation scan and one outbox delivery, as `serve` does periodically.
struct TickCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "quiet", short: "q", help: "Print nothing but errors.") var quiet: Bool
    }
    var help: String { "Runs the escalation scan (issuing reminder notices by rule) and delivers pending notifications once." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        let quiet = signature.quiet
        try await app.openLedger()
        var scanner = EscalationScan()
        let progress = ProgressOutput.command(quiet: quiet, console: console).start("tick", unit: .items("open measures scanned"))
        scanner.progress = progress
        let scan = try await CommandInterruption.shared.run(console: console, stopped: {
            "the rounds whose notices were issued keep them; the next scan issues the rest, nothing twice"
        }) {
            try await progress.track { _ in try await scanner.run(app) }
        }
        if !quiet {
            if scan.skippedBecauseLeased {
                console.print("escalation scan: another server is running it; skipped")
            } else {
                console.print("escalation scan: \(scan.measuresScanned) open measures, \(scan.noticesIssued) notices issued for \(scan.itemsNoticed) measures")
            }
        }
        let delivery = try await OutboxDelivery().run(app)
        guard !quiet else { return }
        if delivery.skippedBecauseLeased {
            console.print("notifications: another server is delivering them; skipped")
        } else {
            console.print("notifications: \(delivery.sent) sent, \(delivery.failed) to retry, \(delivery.dead) dead-lettered")
        }
    }
}
