import Foundation
import Vapor

/// Runs the escalation scan and the outbox delivery inside `serve` every few minutes. With several
/// servers on one database, the job leases make each run happen once.
struct PeriodicJobs: LifecycleHandler {
    let intervalMinutes: Int
    private let state = State()
    private let scan = EscalationScan()
    private let delivery = OutboxDelivery()

    final class State: @unchecked Sendable {
        var task: Task<Void, Never>?
    }

    init(intervalMinutes: Int) {
        self.intervalMinutes = intervalMinutes
    }

    /// Starts the loop; `serve` calls this after boot and registers the handler to stop it on shutdown.
    func start(_ app: Application) {
        guard intervalMinutes > 0 else { return }
        let interval = UInt64(intervalMinutes) * 60 * 1_000_000_000
        let scan = scan, delivery = delivery, intervalMinutes = intervalMinutes
        state.task = Task {
            while !Task.isCancelled {
                do {
                    let scanned = try await scan.run(app, periodSeconds: intervalMinutes * 60)
                    if scanned.noticesIssued > 0 {
                        app.logger.info("escalation scan issued \(scanned.noticesIssued) notices for \(scanned.itemsNoticed) measures")
                    }
                    // Cheap when little changed; after an import through the API, the lists' plans follow.
                    try await PlannerStatistics.periodic(app.db)
                    let delivered = try await delivery.run(app, periodSeconds: intervalMinutes * 60)
                    if delivered.failed + delivered.dead > 0 {
                        app.logger.warning("outbox: \(delivered.sent) sent, \(delivered.failed) to retry, \(delivered.dead) dead-lettered")
                    }
                } catch {
                    app.logger.report(error: error)
                }
                try? await Task.sleep(nanoseconds: interval)
            }
        }
    }

    /// On shutdown: stops the loop, lets a run in progress end (it is one transaction per step, so
    /// it is not cut), then hands the leases back, so that another server takes the next run at
    /// once instead of waiting out this one's period.
    func shutdownAsync(_ app: Application) async {
        guard let task = state.task else { return }
        task.cancel()
        await task.value
        let now = app.clock.now()
        for (name, holder) in [(EscalationScan.leaseName, scan.holder), (OutboxDelivery.leaseName, delivery.holder)] {
            do {
                try await JobLeases.release(name, holder: holder, start: now, on: app.db)
            } catch {
                app.logger.warning("could not hand back the \(name) lease: \(error)")
            }
        }
    }
}
