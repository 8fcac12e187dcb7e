import Fluent
import Foundation

/// Money recovered (追缴 / 挽回资金) in the course of rectifying a problem, in fen.
final class RecoveredFund: Model, @unchecked Sendable {
    static let schema = "recovered_funds"

    @ID(key: .id) var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "problem_id") var problemID: UUID
    @Field(key: "amount_fen") var amountFen: Int64
    @Field(key: "description") var fundDescription: String
    @Field(key: "recorded_on") var recordedOn: String
    @OptionalField(key: "supersedes_id") var supersedesID: UUID?
    @Field(key: "superseded") var superseded: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $inspectionID, $problemID, $amountFen, $fundDescription, $recordedOn, $supersedesID, $superseded, $createdAt
    ] }

    init() {}
}
