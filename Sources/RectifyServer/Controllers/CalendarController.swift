import Fluent
import RectifyCore
import Vapor

/// The working-day calendar for administrators: the years covered, and importing a State Council
/// holiday notice (`dryRun` to preview what it changes first).
struct CalendarController: RouteCollection {
    struct ImportInput: Content {
        var text: String?
        var dryRun: Bool?
        var replace: Bool?
    }

    static let yearSchema: SchemaType = .object([
        req("year", .integer), req("origin", .enumeration(["bundled", "file", "imported"])), req("originLabel", .string),
        req("source", .string, "通知名称"), req("holidays", .integer), req("adjustedWorkdays", .integer),
        opt("importedBy", .string), opt("importedAt", .dateTime)])

    static let outcomeSchema: SchemaType = .object([
        req("dryRun", .boolean), req("stored", .boolean, "本次是否写入"), req("unchanged", .boolean, "与现有数据相同"),
        req("year", .integer), req("source", .string),
        req("holidays", .array(.object([req("name", .string), req("first", .date), req("last", .date), req("days", .integer)]))),
        req("adjustedWorkdays", .array(.date)), opt("replaces", .string, "被替换的现有数据"),
        req("changedDays", .array(.object([req("day", .date), req("weekday", .string), req("before", .string), req("after", .string),
                                           opt("holiday", .string), req("text", .string)]))),
        req("measuresAffected", .integer),
        req("measures", .array(.object([req("measureId", .uuid), req("inspectionId", .uuid), req("label", .string), req("text", .string),
                                        req("deadline", .date), req("before", .string), req("after", .string),
                                        req("steps", .array(.object([req("step", .string), req("before", .date), req("after", .date)])))]))),
        req("deadlines", .array(.object([req("entity", .string), req("id", .uuid), req("label", .string), req("before", .date),
                                         req("after", .date)]))),
    ])

    static let operations: [APIOperation] = [
        APIOperation(method: "GET", path: "/calendar/years", summary: "工作日历已覆盖的年份及数据来源", access: .roles(Access.admins),
                     request: nil, response: .object([req("years", .array(yearSchema)), req("firstUncoveredDay", .date),
                                                      opt("warning", .string, "临近未覆盖年份时的提示")]), status: 200),
        APIOperation(method: "POST", path: "/calendar/imports", summary: "导入国务院办公厅节假日安排通知（可先预览）", access: .roles(Access.admins),
                     request: .object([req("text", .string, "通知全文或表格（节日、放假时间、调休上班日期、放假天数）"),
                                       opt("dryRun", .boolean, "true 为预览，不写入"), opt("replace", .boolean, "替换已有数据的年份")]),
                     response: outcomeSchema, status: 200),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "calendar", "years", access: .roles(Access.admins), use: years)
        routes.endpoint(.POST, "calendar", "imports", access: .roles(Access.admins), use: importNotice)
    }

    @Sendable
    func years(_ req: Request) async throws -> CalendarCoverageDTO {
        CalendarCoverageDTO.make(req.application)
    }

    @Sendable
    func importNotice(_ req: Request) async throws -> CalendarImportOutcome {
        let input = try req.content.decode(ImportInput.self)
        let access = try await req.access()
        return try await Self.run(input.text, dryRun: input.dryRun ?? false, replace: input.replace ?? false, userID: access.userID, on: req)
    }

    /// Imports on behalf of the signed-in administrator; the admin page goes through here too.
    static func run(_ text: String?, dryRun: Bool, replace: Bool, userID: UUID, on req: Request) async throws -> CalendarImportOutcome {
        try await CalendarImport.run(text ?? "", dryRun: dryRun, replace: replace, app: req.application, actor: req.auditActor,
                                     actorID: userID)
    }
}
