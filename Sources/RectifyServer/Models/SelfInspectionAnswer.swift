import Fluent
import Foundation

/// One body's answer to a self-inspection task: a row per chosen body from the task's issue on,
/// pending until the body's office answers.
final class SelfInspectionAnswer: Model, @unchecked Sendable {
    static let schema = "self_inspection_answers"

    @ID(key: .id) var id: UUID?
    @Field(key: "task_id") var taskID: UUID
    @Field(key: "body_id") var bodyID: UUID
    /// The task's due day, kept on each answer so late answers are found by one indexed read.
    @Field(key: "due_on") var dueOn: String
    @Field(key: "state") var state: String
    @OptionalField(key: "explanation") var explanation: String?
    @OptionalField(key: "answered_on") var answeredOn: String?
    @OptionalField(key: "answered_by_id") var answeredByID: UUID?
    @OptionalField(key: "answered_by_name") var answeredByName: String?
    /// The problem the body entered in its ledger when it found one.
    @OptionalField(key: "problem_id") var problemID: UUID?
    /// The escalation key of the last reminder notice that listed this answer as late.
    @OptionalField(key: "escalation_key") var escalationKey: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $taskID, $bodyID, $dueOn, $state, $explanation, $answeredOn, $answeredByID, $answeredByName, $problemID, $escalationKey,
        $version, $createdAt, $updatedAt,
    ] }

    init() {}
}
