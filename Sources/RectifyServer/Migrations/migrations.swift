import Fluent
import Vapor

/// Every migration, in order. New schema changes are appended as `UpdateXAddY`.
func registerMigrations(_ app: Application) {
    app.migrations.add(CreateOrganizationsAndPeople())
    app.migrations.add(CreateUsersAndTokens())
    app.migrations.add(CreateInspections())
    app.migrations.add(CreateProblemsAndMeasures())
    app.migrations.add(CreateProgressReportsAndEvidence())
    app.migrations.add(CreateSupervisionRecords())
    app.migrations.add(CreateRegisters())
    app.migrations.add(CreatePublicFeedback())
    app.migrations.add(CreateAuditLog())
    app.migrations.add(CreateStatusChanges())
    app.migrations.add(UpdateInspectionsAddSupervisionSettings())
    app.migrations.add(CreateSchedulerTables())
    app.migrations.add(CreateNotificationOutbox())
    app.migrations.add(UpdateInspectionsAddPublication())
    app.migrations.add(CreateBulletins())
    app.migrations.add(UpdateLinksAddPosition())
    app.migrations.add(UpdateTablesAddFilterIndexes())
    app.migrations.add(UpdateInspectionsAddNarrative())
    app.migrations.add(CreatePublications())
    app.migrations.add(CreateImportDrafts())
    app.migrations.add(UpdateUsersAddLoginLockout())
    app.migrations.add(UpdateTablesAddOverviewIndexes())
    app.migrations.add(UpdateAuditEventsAddEntityIDIndex())
    app.migrations.add(UpdateAuditHeadAddRevision())
    app.migrations.add(CreateRateLimitWindows())
    app.migrations.add(CreateNoticeReplies())
    app.migrations.add(UpdateAuditEventsAddRequestID())
    app.migrations.add(UpdatePeopleAddDeparture())
}
