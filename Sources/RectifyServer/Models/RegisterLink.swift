import Fluent
import Foundation

/// Links an entry of a register (accountability, regulation, meeting) to a problem.
final class RegisterLink: Model, @unchecked Sendable {
    static let schema = "register_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "register") var register: String
    @Field(key: "record_id") var recordID: UUID
    @Field(key: "problem_id") var problemID: UUID

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $register, $recordID, $problemID] }

    init() {}

    init(register: String, recordID: UUID, problemID: UUID) {
        self.register = register
        self.recordID = recordID
        self.problemID = problemID
    }
}
