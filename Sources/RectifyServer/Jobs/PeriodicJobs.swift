import Foundation
import Vapor

/// Runs the escalation scan and the outbox delivery inside `serve` every few minutes. With several
/// servers on one database, the job leases make each run happen once.
struct PeriodicJobs: LifecycleHandler {
    let intervalMinutes: Int
    private let task = TaskBox()

    final class TaskBox: @unchecked Sendable {
        var task: Task<Void, Never>?
    }

    init(intervalMinutes: Int) {
        self.intervalMinutes = intervalMinutes
    }

    /// Starts the loop; `serve` calls this after boot and registers the handler to stop it on shutdown.
    func start(_ app: Application) {
        guard intervalMinutes > 0 else { return }
        let interval = UInt64(intervalMinutes) * 60 * 1_000_000_000
        let scan = EscalationScan()
        let delivery = OutboxDelivery()
        task.task = Task {
            while !Task.isCancelled {
                do {
                    let scanned = try await scan.run(app, periodSeconds: intervalMinutes * 60)
                    if scanned.noticesIssued > 0 {
                        app.logger.info("escalation scan issued \(scanned.noticesIssued) notices for \(scanned.itemsNoticed) measures")
                    }
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

    func shutdownAsync(_ app: Application) async {
        task.task?.cancel()
    }
}
