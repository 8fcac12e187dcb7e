import Fluent
import Foundation
import RectifyCore

final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var roleRaw: String
    @OptionalField(key: "organization_id") var organizationID: UUID?
    @Field(key: "active") var active: Bool
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @Field(key: "version") var version: Int
    /// Consecutive wrong passwords since the last sign-in (see `LoginGate`).
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $username, $displayName, $passwordHash, $roleRaw, $organizationID, $active, $mustChangePassword, $version,
        $failedLogins, $lockedUntil, $createdAt, $updatedAt
    ] }

    init() {
        failedLogins = 0
    }

    var role: Role { Role(rawValue: roleRaw) ?? .unitReporter }
}
