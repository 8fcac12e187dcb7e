import Fluent
import Foundation

/// Who runs a periodic job until when.
final class JobLease: Model, @unchecked Sendable {
    static let schema = "job_leases"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "holder") var holder: String
    @Field(key: "expires_at_ms") var expiresAtMillis: Int64

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $name, $holder, $expiresAtMillis] }

    init() {}
}
