import Fluent
import Foundation
import RectifyCore

/// Records every status a problem or measure takes, whichever code path saves it, in the same
/// transaction as the save.
struct StatusHistoryMiddleware<M: Model & StatusTracked>: AsyncModelMiddleware {
    let clock: AppClock

    func create(model: M, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        guard !StatusHistoryFlag.suppressed else { return }
        try await record(model, on: db)
    }

    func update(model: M, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        // A status not assigned since the model was read has not changed: no need to read it back.
        guard model.statusAssigned else { return try await next.update(model, on: db) }
        let previous = try await M.find(model.id, on: db)?.trackedStatus
        try await next.update(model, on: db)
        guard !StatusHistoryFlag.suppressed, previous != model.trackedStatus else { return }
        try await record(model, on: db)
    }

    private func record(_ model: M, on db: any Database) async throws {
        let ids = try model.trackedIDs()
        try await StatusChangeRecord(inspectionID: ids.inspection, problemID: ids.problem, measureID: ids.measure,
                                     status: model.trackedStatus, changedOn: clock.today.iso).create(on: db)
    }
}

enum StatusHistoryFlag {
    /// Set while loading data that writes its own, back-dated history (the demo).
    @TaskLocal static var suppressed = false
}

/// A model whose status changes are kept in `status_changes`.
protocol StatusTracked {
    var trackedStatus: String { get }
    /// The status column, to tell whether a save sets it.
    var statusField: any AnyDatabaseProperty { get }
    func trackedIDs() throws -> (inspection: UUID, problem: UUID, measure: UUID?)
}

extension StatusTracked {
    /// Whether the status was assigned since the model was read (Fluent saves only what was).
    var statusAssigned: Bool {
        let input = AssignedFields()
        statusField.input(to: input)
        return input.assigned
    }
}

/// Collects whether a property has a value to save.
private final class AssignedFields: DatabaseInput {
    var assigned = false
    func set(_ value: DatabaseQuery.Value, at key: FieldKey) { assigned = true }
}

extension Problem: StatusTracked {
    var trackedStatus: String { status }
    var statusField: any AnyDatabaseProperty { $status }
    func trackedIDs() throws -> (inspection: UUID, problem: UUID, measure: UUID?) { (inspectionID, try requireID(), nil) }
}

extension Measure: StatusTracked {
    var trackedStatus: String { status }
    var statusField: any AnyDatabaseProperty { $status }
    func trackedIDs() throws -> (inspection: UUID, problem: UUID, measure: UUID?) { (inspectionID, problemID, try requireID()) }
}
