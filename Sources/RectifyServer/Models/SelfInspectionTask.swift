import Fluent
import Foundation

/// A self-inspection task (举一反三): the inspection office asks a set of bodies to look for a problem
/// (often one found at another body) in their own house and answer by a due day.
final class SelfInspectionTask: Model, @unchecked Sendable {
    static let schema = "self_inspection_tasks"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "requirement") var requirement: String
    @OptionalField(key: "source_problem_id") var sourceProblemID: UUID?
    /// The sectors the bodies were chosen by, comma-separated keys (informational: the bodies are the answers).
    @OptionalField(key: "sectors") var sectors: String?
    @Field(key: "working_days") var workingDays: Int
    @Field(key: "issued_on") var issuedOn: String
    @Field(key: "due_on") var dueOn: String
    @OptionalField(key: "issued_by_id") var issuedByID: UUID?
    @Field(key: "issued_by_name") var issuedByName: String
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $title, $requirement, $sourceProblemID, $sectors, $workingDays, $issuedOn, $dueOn, $issuedByID, $issuedByName, $version,
        $createdAt,
    ] }

    init() {}
}
