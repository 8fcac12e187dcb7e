import Fluent

/// A person who left (离任) or was transferred (调离): the day and how, kept instead of deleting the
/// person so the measures they led keep their name.
struct UpdatePeopleAddDeparture: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column a statement: SQLite adds one column per ALTER TABLE.
        try await database.schema("people").field("left_on", .string).update()
        try await database.schema("people").field("departure", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("people").deleteField("departure").update()
        try await database.schema("people").deleteField("left_on").update()
    }
}
