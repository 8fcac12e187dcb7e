import Fluent
import RectifyCore
import Vapor

/// `rectify audit verify`: walks the hash chain; exits non-zero naming the first broken event.
struct AuditCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["verify": AuditVerifyCommand()]
    var help: String { "Audit log tools." }
}

struct AuditVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "quiet", short: "q", help: "Print nothing but errors.") var quiet: Bool
    }
    var help: String { "Verifies the audit log's hash chain." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let console = context.console
        let progress = ProgressOutput.command(quiet: signature.quiet, console: console).start("audit verify", unit: .items("events verified"))
        let result = try await CommandInterruption.shared.run(console: console, stopped: { "nothing changed (verifying only reads)" }) {
            try await progress.track { try await AuditVerifier.verify(on: context.application.db, progress: $0) }
        }
        if let fault = result.fault {
            throw CLIError("audit chain broken at event \(fault.sequence): \(fault.description)")
        }
        if !signature.quiet { console.print("audit chain intact: \(result.checked) events verified") }
    }
}
