import Fluent
import Foundation
import RectifyCore
import RectifyServer
import SQLKit
import Vapor

// Usage: ServerBenchmarks scan [--measures N] [--runs R]
// Generates a province-sized ledger of open measures in a fresh SQLite file (bulk SQL inserts),
// then times full escalation scans over it and prints the peak memory of the process.

/// Resets the kernel's peak-memory mark (VmHWM), so a phase is measured on its own.
func resetPeak() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

func peakMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return -1 }
    return kilobytes / 1024
}

func option(_ name: String, default value: Int) -> Int {
    let args = CommandLine.arguments
    guard let index = args.firstIndex(of: name), index + 1 < args.count, let number = Int(args[index + 1]) else { return value }
    return number
}

func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

/// Inserts rows in multi-row statements of at most `batch` rows.
func insert(_ sql: any SQLDatabase, _ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]], batch: Int = 400) async throws {
    for start in stride(from: 0, to: rows.count, by: batch) {
        var builder = sql.insert(into: table).columns(columns)
        for row in rows[start..<min(start + batch, rows.count)] { builder = builder.values(row.map { SQLBind($0) }) }
        try await builder.run()
    }
}

func generate(_ app: Application, measures total: Int) async throws {
    let sql = app.db as! any SQLDatabase
    let perInspection = 150, perProblem = 4
    let inspections = max(1, total / perInspection)
    let today = Day(Date())
    let now = Date()
    try await app.db.transaction { db in
        let sql = db as! any SQLDatabase
        var orgs: [[any Encodable & Sendable]] = []
        var rounds: [[any Encodable & Sendable]] = []
        var problems: [[any Encodable & Sendable]] = []
        var measures: [[any Encodable & Sendable]] = []
        var made = 0
        for i in 0..<inspections {
            // Flush every 100 rounds so generating a province does not hold it all in memory.
            if i % 100 == 0 && !measures.isEmpty {
                try await insert(sql, "organizations", ["id", "name", "kind", "sort_order", "version", "created_at"], orgs)
                try await insert(sql, "inspections", ["id", "title", "kind", "inspecting_group", "inspected_body_id", "feedback_date", "version", "created_at"], rounds)
                try await insert(sql, "problems", ["id", "inspection_id", "source", "number", "label", "title", "lead_unit_id", "status", "version", "created_at"], problems)
                try await insert(sql, "measures", ["id", "problem_id", "inspection_id", "number", "label", "text", "kind", "lead_unit_id",
                                                   "start_date", "deadline", "status", "progress", "version", "created_at"], measures)
                orgs = []; rounds = []; problems = []; measures = []
            }
            let body = UUID(), unit = UUID(), inspection = UUID()
            orgs.append([body, "被巡察单位\(i)", "body", 0, 1, now])
            orgs.append([unit, "办公室\(i)", "department", 1, 1, now])
            rounds.append([inspection, "第\(i)轮巡察", "inspection", "市委巡察组", body, today.adding(days: -120).iso, 1, now])
            var problemID = UUID()
            for m in 0..<perInspection where made < total {
                if m % perProblem == 0 {
                    problemID = UUID()
                    problems.append([problemID, inspection, "inspection_feedback", m / perProblem + 1, "(\(m / perProblem + 1))",
                                     "问题\(m / perProblem + 1)", unit, "in_progress", 1, now])
                }
                // Deadlines spread over the year (as rounds of a province run at different stages);
                // about one measure in a hundred is close to or past its deadline.
                let deadline = m % 100 == 0 ? today.adding(days: m % 200 == 0 ? -5 : 7)
                    : today.adding(days: 21 + (i * 7 + m * 13) % 340)
                measures.append([UUID(), problemID, inspection, m % perProblem + 1, "①", "整改措施\(m)", "time_bound", unit,
                                 today.adding(days: -120).iso, deadline.iso, "in_progress", 40, 1, now])
                made += 1
            }
        }
        try await insert(sql, "organizations", ["id", "name", "kind", "sort_order", "version", "created_at"], orgs)
        try await insert(sql, "inspections", ["id", "title", "kind", "inspecting_group", "inspected_body_id", "feedback_date", "version", "created_at"], rounds)
        try await insert(sql, "problems", ["id", "inspection_id", "source", "number", "label", "title", "lead_unit_id", "status", "version", "created_at"], problems)
        try await insert(sql, "measures", ["id", "problem_id", "inspection_id", "number", "label", "text", "kind", "lead_unit_id",
                                           "start_date", "deadline", "status", "progress", "version", "created_at"], measures)
    }
    _ = sql
}

/// The floor a request of Rectify's is measured against: Vapor with no middleware and one route
/// answering what `/api/v1/me` answers (the same fields and size), nothing looked up.
func floorServer(port: Int) async throws {
    struct Me: Content {
        var id: UUID; var username: String; var displayName: String; var role: String; var organizationId: UUID?
        var active: Bool; var mustChangePassword: Bool; var version: Int
    }
    let me = Me(id: UUID(), username: "bench-supervisor", displayName: "bench-supervisor", role: "supervisor", organizationId: nil,
                active: true, mustChangePassword: false, version: 1)
    var env = Environment(name: "production", arguments: ["floor"])
    env.arguments = ["floor"]
    let app = try await Application.make(env)
    app.logger.logLevel = .error
    app.middleware = Middlewares()
    app.http.server.configuration.hostname = "127.0.0.1"
    app.http.server.configuration.port = port
    app.get("api", "v1", "me") { _ in me }
    try await app.execute()
    try await app.asyncShutdown()
}

@main
enum ServerBenchmarks {
    static func main() async throws {
        if CommandLine.arguments.dropFirst().first == "floor" {
            try await floorServer(port: option("--port", default: 8090))
            return
        }
        guard CommandLine.arguments.dropFirst().first == "scan" else {
            print("usage: ServerBenchmarks scan [--measures N] [--runs R] | floor [--port P]")
            exit(2)
        }
        let total = option("--measures", default: 300_000)
        let runs = option("--runs", default: 3)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var env = Environment(name: "production", arguments: ["bench"])
        env.arguments = ["bench"]
        let app = try await Application.make(env)
        app.logger.logLevel = .error
        do {
            try await configure(app, ConfigureOverrides(config: AppConfig(database: .sqliteFile(directory.appendingPathComponent("bench.sqlite").path))))
            try await app.openLedger()
            let started = DispatchTime.now()
            try await generate(app, measures: total)
            print(String(format: "generated %d open measures in %.1f s", total, seconds(since: started)))
            var times: [Double] = []
            var issued = 0
            resetPeak()
            for run in 0..<runs {
                let start = DispatchTime.now()
                let result = try await EscalationScan(holder: "bench").run(app)
                times.append(seconds(since: start))
                if run == 0 { issued = result.noticesIssued }
                print(String(format: "scan %d: %.3f s, %d measures scanned, %d notices issued", run + 1, times.last!, result.measuresScanned, result.noticesIssued))
            }
            print(String(format: "RESULT measures=%d first=%.3fs repeat_median=%.3fs notices_first=%d scan_peak_rss=%.0fMB",
                         total, times[0], (times.count > 1 ? Array(times.dropFirst()).sorted()[(times.count - 1) / 2] : times[0]) , issued, peakMegabytes()))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
