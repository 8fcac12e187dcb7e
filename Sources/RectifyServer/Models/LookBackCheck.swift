import Fluent
import Foundation

/// A look-back check (回头看) of a closed problem or measure.
final class LookBackCheck: Model, @unchecked Sendable {
    static let schema = "look_back_checks"

    @ID(key: .id) var id: UUID?
    @Field(key: "problem_id") var problemID: UUID
    @OptionalField(key: "measure_id") var measureID: UUID?
    @Field(key: "scheduled_on") var scheduledOn: String
    @OptionalField(key: "performed_on") var performedOn: String?
    @Field(key: "result") var result: String
    @OptionalField(key: "finding") var finding: String?
    @OptionalField(key: "checker_id") var checkerID: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $problemID, $measureID, $scheduledOn, $performedOn, $result, $finding, $checkerID, $version, $createdAt,
        $updatedAt
    ] }

    init() {}
}
