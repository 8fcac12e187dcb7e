import Fluent
import Foundation

/// An entry of the register of regulations produced (建章立制).
final class Regulation: Model, @unchecked Sendable {
    static let schema = "regulations"

    @ID(key: .id) var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "title") var title: String
    @OptionalField(key: "document_number") var documentNumber: String?
    @OptionalField(key: "issued_on") var issuedOn: String?
    @OptionalField(key: "issuer") var issuer: String?
    @OptionalField(key: "supersedes_id") var supersedesID: UUID?
    @Field(key: "superseded") var superseded: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $inspectionID, $title, $documentNumber, $issuedOn, $issuer, $supersedesID, $superseded, $createdAt
    ] }

    init() {}
}
