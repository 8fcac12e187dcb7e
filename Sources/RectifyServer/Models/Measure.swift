import Fluent
import Foundation

final class Measure: Model, @unchecked Sendable {
    static let schema = "measures"

    @ID(key: .id) var id: UUID?
    @Field(key: "problem_id") var problemID: UUID
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "label") var label: String
    @Field(key: "text") var text: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "leader_id") var leaderID: UUID?
    @OptionalField(key: "lead_unit_id") var leadUnitID: UUID?
    @OptionalField(key: "start_date") var startDate: String?
    @OptionalField(key: "deadline") var deadline: String?
    @Field(key: "status") var status: String
    @OptionalField(key: "close_out_stage") var closeOutStage: String?
    @Field(key: "progress") var progress: Int
    @OptionalField(key: "last_reported_on") var lastReportedOn: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $problemID, $inspectionID, $number, $label, $text, $kind, $leaderID, $leadUnitID, $startDate, $deadline, $status,
        $closeOutStage, $progress, $lastReportedOn, $version, $createdAt, $updatedAt
    ] }

    init() {}
}

final class MeasureUnit: Model, @unchecked Sendable {
    static let schema = "measure_units"

    @ID(key: .id) var id: UUID?
    @Field(key: "measure_id") var measureID: UUID
    @Field(key: "organization_id") var organizationID: UUID
    @OptionalField(key: "position") var position: Int?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $measureID, $organizationID, $position] }

    init() {}

    init(measureID: UUID, organizationID: UUID, position: Int = 0) {
        self.measureID = measureID
        self.organizationID = organizationID
        self.position = position
    }
}
