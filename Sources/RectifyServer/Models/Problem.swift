import Fluent
import Foundation

final class Problem: Model, @unchecked Sendable {
    static let schema = "problems"

    @ID(key: .id) var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "source") var source: String
    @OptionalField(key: "category") var category: String?
    @OptionalField(key: "aspect") var aspect: String?
    @Field(key: "number") var number: Int
    @Field(key: "label") var label: String
    @Field(key: "title") var title: String
    @OptionalField(key: "description") var problemDescription: String?
    @OptionalField(key: "lead_unit_id") var leadUnitID: UUID?
    @OptionalField(key: "deadline") var deadline: String?
    @Field(key: "status") var status: String
    @OptionalField(key: "close_out_stage") var closeOutStage: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $inspectionID, $source, $category, $aspect, $number, $label, $title, $problemDescription, $leadUnitID, $deadline,
        $status, $closeOutStage, $version, $createdAt, $updatedAt
    ] }

    init() {}
}

final class ProblemLeader: Model, @unchecked Sendable {
    static let schema = "problem_leaders"

    @ID(key: .id) var id: UUID?
    @Field(key: "problem_id") var problemID: UUID
    @Field(key: "person_id") var personID: UUID
    @OptionalField(key: "position") var position: Int?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $problemID, $personID, $position] }

    init() {}

    init(problemID: UUID, personID: UUID, position: Int = 0) {
        self.problemID = problemID
        self.personID = personID
        self.position = position
    }
}
