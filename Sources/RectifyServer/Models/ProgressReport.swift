import Fluent
import Foundation

final class ProgressReport: Model, @unchecked Sendable {
    static let schema = "progress_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "measure_id") var measureID: UUID
    @Field(key: "report_date") var reportDate: String
    @Field(key: "text") var text: String
    @Field(key: "progress") var progress: Int
    @OptionalField(key: "reporter_id") var reporterID: UUID?
    @Field(key: "reporter_name") var reporterName: String
    @Field(key: "review_state") var reviewState: String
    @OptionalField(key: "review_opinion") var reviewOpinion: String?
    @OptionalField(key: "reviewer_id") var reviewerID: UUID?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    /// The measure the report was checked against in this transaction (not a column): applying the
    /// report to it need not read it again.
    var reportedMeasure: Measure?
    /// Set when `make` applied the report to the measure `prepare` checked before the write (not a
    /// column): only the audit event, from the snapshot taken then, remains to be recorded.
    var appliedBeforeInsert: ProgressReportResource.CheckedMeasure?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $measureID, $reportDate, $text, $progress, $reporterID, $reporterName, $reviewState, $reviewOpinion, $reviewerID,
        $reviewedAt, $version, $createdAt, $updatedAt
    ] }

    init() {}
}

/// A file attached to a progress report as evidence (佐证材料). The bytes live in the database so
/// several servers share them without a shared disk.
final class EvidenceFile: Model, @unchecked Sendable {
    static let schema = "evidence_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "progress_report_id") var progressReportID: UUID
    @Field(key: "name") var name: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "size") var size: Int64
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $progressReportID, $name, $mediaType, $size, $sha256, $data, $createdAt] }

    init() {}
}
