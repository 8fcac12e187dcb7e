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
    func trackedIDs() throws -> (inspection: UUID, problem: UUID, measure: UUID?)
}

extension Problem: StatusTracked {
    var trackedStatus: String { status }
    func trackedIDs() throws -> (inspection: UUID, problem: UUID, measure: UUID?) { (inspectionID, try requireID(), nil) }
}

extension Measure: StatusTracked {
    var trackedStatus: String { status }
    func trackedIDs() throws -> (inspection: UUID, problem: UUID, measure: UUID?) { (inspectionID, problemID, try requireID()) }
}
