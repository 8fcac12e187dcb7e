import Fluent
import Foundation
import RectifyCore

final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(custom: "seq", generatedBy: .user) var id: Int64?
    @Field(key: "at_ms") var atMillis: Int64
    @OptionalField(key: "actor_id") var actorID: String?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @Field(key: "entity_id") var entityID: String
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    @Field(key: "prev_hash") var previousHash: String
    @Field(key: "hash") var hash: String
    @OptionalField(key: "request_id") var requestID: String?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $atMillis, $actorID, $actorName, $action, $entity, $entityID, $before, $after, $previousHash, $hash, $requestID
    ] }

    init() {}

    var record: AuditRecord {
        AuditRecord(sequence: id ?? 0, atMillis: atMillis, actorID: actorID, actorName: actorName,
                    action: action, entity: entity, entityID: entityID, before: before, after: after,
                    previousHash: previousHash, hash: hash, requestID: requestID)
    }
}
