import Fluent
import RectifyCore
import Vapor

func routes(_ app: Application) throws {
    let api = app.grouped("api", "v1")
    for entry in APIRegistry.resources {
        try api.register(collection: entry.collection)
    }
    for controller in APIRegistry.controllers {
        try api.register(collection: controller)
    }
    try app.register(collection: WebAuthController())
    try app.register(collection: BoardController())
    try app.register(collection: ProblemPagesController())
    try app.register(collection: PublicReportController())
    try app.register(collection: NoticePagesController())
    try app.register(collection: RegisterPagesController())
    try app.register(collection: ImportPagesController())
    try app.register(collection: AdminPagesController())
    try app.register(collection: SearchPageController())
    try app.register(collection: HealthController())
    try app.register(collection: MetricsController())
    try app.register(collection: PeoplePagesController())
    try app.register(collection: MeasureFormController())
    try app.register(collection: SelfInspectionPagesController())
    try app.register(collection: CrossBodyPagesController())
}

/// Every API route collection and the document built from their declarations.
enum APIRegistry {
    static let resources: [ResourceEntry] = [
        .of(OrganizationResource.self),
        .of(PersonResource.self),
        .of(InspectionResource.self),
        .of(ProblemResource.self),
        .of(MeasureResource.self),
        .of(ProgressReportResource.self),
        .of(CloseOutRecordResource.self),
        .of(AccountabilityRecordResource.self),
        .of(RegulationResource.self),
        .of(MeetingResource.self),
        .of(RecoveredFundResource.self),
        .of(ReminderNoticeResource.self),
        .of(LookBackCheckResource.self),
        .of(PublicFeedbackResource.self),
        .of(NotificationChannelResource.self),
    ]

    static let controllers: [any RouteCollection & Sendable] = [
        AuthController(),
        AuditController(),
        EvidenceController(),
        UserController(),
        SupervisionController(),
        OutboxController(),
        ImportController(),
        BulletinController(),
        DocumentController(),
        CalendarController(),
        SelfInspectionController(),
        OpenAPIController(),
        CommonProblemsController(),
        RepeatMatchController(),
        SearchController(),
    ]

    static let operations: [APIOperation] =
        AuthController.operations + AuditController.operations + EvidenceController.operations + UserController.operations
        + SupervisionController.operations + OutboxController.operations + ImportController.operations
        + BulletinController.operations + DocumentController.operations + PublicReportController.operations + OpenAPIController.operations
        + CalendarController.operations + SelfInspectionController.operations + CommonProblemsController.operations + RepeatMatchController.operations
        + SearchController.operations

    static let document: JSONValue = OpenAPIDocument.build(resources: resources, operations: operations)
}
