import Fluent
import SQLKit

/// The ledger's revision: every ledger write transaction advances it, audited or not, so page parts
/// computed from the ledger can be kept until it moves (`LedgerRevisionCache`).
struct UpdateAuditHeadAddRevision: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("audit_head")
            .field("revision", .int64, .required, .sql(.default(0)))
            .update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("audit_head").deleteField("revision").update()
    }
}
