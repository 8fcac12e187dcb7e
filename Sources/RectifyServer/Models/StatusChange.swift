import Fluent
import Foundation

/// One status change of a problem (measure_id nil) or a measure.
final class StatusChangeRecord: Model, @unchecked Sendable {
    static let schema = "status_changes"

    @ID(key: .id) var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "problem_id") var problemID: UUID
    @OptionalField(key: "measure_id") var measureID: UUID?
    @Field(key: "status") var status: String
    @Field(key: "changed_on") var changedOn: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $inspectionID, $problemID, $measureID, $status, $changedOn, $createdAt] }

    init() {}

    init(inspectionID: UUID, problemID: UUID, measureID: UUID?, status: String, changedOn: String) {
        self.inspectionID = inspectionID
        self.problemID = problemID
        self.measureID = measureID
        self.status = status
        self.changedOn = changedOn
    }
}
