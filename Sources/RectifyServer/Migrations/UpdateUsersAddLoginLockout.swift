import Fluent
import SQLKit

/// Consecutive failed sign-ins and the time an account stays locked after too many.
struct UpdateUsersAddLoginLockout: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("users")
            .field("failed_logins", .int, .required, .sql(.default(0)))
            .update()
        try await database.schema("users")
            .field("locked_until", .datetime)
            .update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("users").deleteField("locked_until").update()
        try await database.schema("users").deleteField("failed_logins").update()
    }
}
