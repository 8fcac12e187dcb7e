import Vapor

/// `rectify tick`: one escalation scan and one outbox delivery, as `serve` does periodically.
struct TickCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "quiet", short: "q", help: "Print nothing but errors.") var quiet: Bool
    }
    var help: String { "Runs the escalation scan (issuing reminder notices by rule, suggesting repeat matches for new problems) and delivers pending notifications once." }

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
                console.print("repeat matching: \(scan.repeatsSuggested) new suggestions for problems entered since the last scan")
            }
        }
        // A signal that came as the scan ended stops the tick before any notification is sent.
        let delivery = try await CommandInterruption.shared.run(console: console, stopped: {
            "notifications not yet sent stay pending; the next tick sends them"
        }) {
            try CommandInterruption.shared.check()
            var delivery = OutboxDelivery()
            delivery.shouldStop = { CommandInterruption.shared.signal != nil }
            let result = try await delivery.run(app)
            try CommandInterruption.shared.check()
            return result
        }
        guard !quiet else { return }
        if delivery.skippedBecauseLeased {
            console.print("notifications: another server is delivering them; skipped")
        } else {
            console.print("notifications: \(delivery.sent) sent, \(delivery.failed) to retry, \(delivery.dead) dead-lettered")
        }
    }
}
