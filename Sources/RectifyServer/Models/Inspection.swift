import Fluent
import Foundation
import RectifyCore

/// One inspection round (巡察/巡视) of one inspected body.
final class Inspection: Model, @unchecked Sendable {
    static let schema = "inspections"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "kind") var kind: String
    @Field(key: "inspecting_group") var inspectingGroup: String
    @Field(key: "inspected_body_id") var inspectedBodyID: UUID
    @OptionalField(key: "onsite_start") var onsiteStart: String?
    @OptionalField(key: "onsite_end") var onsiteEnd: String?
    @OptionalField(key: "feedback_date") var feedbackDate: String?
    @OptionalField(key: "rectification_deadline") var rectificationDeadline: String?
    @OptionalField(key: "status_date") var statusDate: String?
    @OptionalField(key: "published_on") var publishedOn: String?
    @OptionalField(key: "issuer") var issuer: String?
    @OptionalField(key: "imported_from") var importedFrom: String?
    @OptionalField(key: "stated_claims") var statedClaimsJSON: String?
    @OptionalField(key: "narrative") var narrativeJSON: String?
    @OptionalField(key: "warning_thresholds") var warningThresholdsJSON: String?
    @OptionalField(key: "escalation_policy") var escalationPolicyJSON: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $title, $kind, $inspectingGroup, $inspectedBodyID, $onsiteStart, $onsiteEnd, $feedbackDate,
        $rectificationDeadline, $statusDate, $publishedOn, $issuer, $importedFrom, $statedClaimsJSON, $narrativeJSON,
        $warningThresholdsJSON, $escalationPolicyJSON, $version, $createdAt, $updatedAt
    ] }

    init() {}

    var warningThresholds: WarningThresholds { Self.warningThresholds(json: warningThresholdsJSON) }

    /// The thresholds a `warning_thresholds` column holds, the defaults when it holds none (also for
    /// pages that read the column as a plain row).
    static func warningThresholds(json: String?) -> WarningThresholds {
        json.flatMap { try? JSONDecoder().decode(WarningThresholds.self, from: Data($0.utf8)) } ?? .default
    }

    var narrative: RoundNarrative? {
        narrativeJSON.flatMap { try? JSONDecoder().decode(RoundNarrative.self, from: Data($0.utf8)) }
    }

    var statedClaims: ReportClaims? {
        statedClaimsJSON.flatMap { try? JSONDecoder().decode(ReportClaims.self, from: Data($0.utf8)) }
    }

    var escalationPolicy: EscalationPolicy {
        escalationPolicyJSON.flatMap { try? JSONDecoder().decode(EscalationPolicy.self, from: Data($0.utf8)) } ?? .default
    }
}
