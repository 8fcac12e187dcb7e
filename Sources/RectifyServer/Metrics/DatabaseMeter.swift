import Atomics
import CoreMetrics
import Foundation

/// Counts one database's statements: a duration histogram per kind of statement, and how many are
/// in flight against how many pooled connections there are. Instruments are made once here:
/// looking one up by name for every statement would cost more than recording into it.
final class DatabaseMeter: Sendable {
    enum Statement: String, CaseIterable {
        case select, insert, update, delete, raw, schema
    }

    let connections: Int
    private let timers: [Statement: CoreMetrics.Timer]
    private let inFlight = ManagedAtomic<Int>(0)
    private let started = ManagedAtomic<Int>(0)
    private let inFlightGauge: Gauge
    private let waitingGauge: Gauge

    init(database: String, connections: Int) {
        self.connections = connections
        var timers: [Statement: CoreMetrics.Timer] = [:]
        for statement in Statement.allCases {
            timers[statement] = CoreMetrics.Timer(label: "rectify_db_query_duration_seconds",
                                                  dimensions: [("database", database), ("statement", statement.rawValue)],
                                                  preferredDisplayUnit: .seconds)
        }
        self.timers = timers
        inFlightGauge = Gauge(label: "rectify_db_queries_in_flight", dimensions: [("database", database)])
        waitingGauge = Gauge(label: "rectify_db_pool_waiting", dimensions: [("database", database)])
        Gauge(label: "rectify_db_pool_connections", dimensions: [("database", database)]).record(connections)
        inFlightGauge.record(0)
        waitingGauge.record(0)
    }

    /// Statements started since the application did: tests count what one request costs with it.
    var statements: Int { started.load(ordering: .relaxed) }

    /// Marks a statement started; the returned token ends it.
    func start() -> UInt64 {
        started.wrappingIncrement(ordering: .relaxed)
        let now = inFlight.wrappingIncrementThenLoad(ordering: .relaxed)
        publish(now)
        return DispatchTime.now().uptimeNanoseconds
    }

    func end(_ statement: Statement, startedAt: UInt64) {
        timers[statement]!.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds &- startedAt))
        publish(inFlight.wrappingDecrementThenLoad(ordering: .relaxed))
    }

    /// Statements beyond the pool's connections wait for one. The pools are per event loop, so with
    /// uneven loops more may wait than this shows: it is a lower bound.
    private func publish(_ running: Int) {
        inFlightGauge.record(running)
        waitingGauge.record(max(0, running - connections))
    }
}
