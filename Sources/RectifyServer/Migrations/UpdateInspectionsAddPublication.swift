import Fluent

/// What a round's published report says of itself: publication date, issuer, the document it was
/// imported from, and the figures it states (kept as stated claims, never passed off as computed).
struct UpdateInspectionsAddPublication: AsyncMigration {
    func prepare(on database: Database) async throws {
        for column in ["published_on", "issuer", "imported_from", "stated_claims"] {
            try await database.schema("inspections").field(FieldKey(stringLiteral: column), .string).update()
        }
    }

    func revert(on database: Database) async throws {
        for column in ["stated_claims", "imported_from", "issuer", "published_on"] {
            try await database.schema("inspections").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
