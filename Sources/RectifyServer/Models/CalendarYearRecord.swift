import Fluent
import Foundation
import RectifyCore

/// One imported notice's arrangement for its year (`CreateCalendarYears`).
final class CalendarYearRecord: Model, @unchecked Sendable {
    static let schema = "calendar_years"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "revision") var revision: Int64
    @Field(key: "source") var source: String
    /// `[HolidayRange]` as JSON.
    @Field(key: "holidays") var holidaysJSON: String
    /// `[Day]` as JSON.
    @Field(key: "adjusted_workdays") var adjustedWorkdaysJSON: String
    /// The notice as it was submitted, for whoever checks the import against it.
    @Field(key: "notice_text") var noticeText: String
    @OptionalField(key: "imported_by_id") var importedByID: UUID?
    @Field(key: "imported_by") var importedBy: String
    @Field(key: "imported_at") var importedAt: Date

    // Listed by hand: Fluent otherwise reflects on the model for every row and write (ModelPropertiesTests).
    var properties: [any AnyProperty] { [
        $id, $year, $revision, $source, $holidaysJSON, $adjustedWorkdaysJSON, $noticeText, $importedByID, $importedBy, $importedAt,
    ] }

    init() {}

    /// The calendar entry the row holds.
    func entry() throws -> HolidayCalendarYear {
        let decoder = JSONDecoder()
        return HolidayCalendarYear(year: year, source: source,
                                   holidays: try decoder.decode([HolidayRange].self, from: Data(holidaysJSON.utf8)),
                                   adjustedWorkdays: try decoder.decode([Day].self, from: Data(adjustedWorkdaysJSON.utf8)))
    }
}
