import Fluent
import RectifyCore
import Vapor

/// `rectify audit verify`: walks the hash chain; exits non-zero naming the first broken event.
struct AuditCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["verify": AuditVerifyCommand()]
    var help: String { "Audit log tools." }
}

struct AuditVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Verifies the audit log's hash chain." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let result = try await AuditVerifier.verify(on: context.application.db)
        if let fault = result.fault {
            throw CLIError("audit chain broken at event \(fault.sequence): \(fault.description)")
        }
        context.console.print("audit chain intact: \(result.checked) events verified")
    }
}
