import Fluent
import Foundation

/// A public report as published: its paragraphs (JSON of `[PublishedParagraph]`) and Word bytes.
final class Publication: Model, @unchecked Sendable {
    static let schema = "publications"

    @ID(key: .id) var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "title") var title: String
    @Field(key: "as_of") var asOf: String
    @Field(key: "paragraphs") var paragraphs: String
    @Field(key: "docx") var docx: Data
    @Field(key: "published_by") var publishedBy: String
    @Field(key: "withdrawn") var withdrawn: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $inspectionID, $title, $asOf, $paragraphs, $docx, $publishedBy, $withdrawn, $createdAt
    ] }

    init() {}
}

/// One paragraph of a published report with its role, so the page styles headings as the document does.
struct PublishedParagraph: Codable, Sendable {
    let kind: String
    let text: String
}
