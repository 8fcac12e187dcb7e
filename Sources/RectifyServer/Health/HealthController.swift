import Fluent
import Foundation
import SQLKit
import Vapor

/// `GET /healthz`: the process answers (no database). `GET /readyz`: it can serve, that is the
/// database answers, every migration has run and the folders it writes to are writable; 503 with
/// the reason otherwise, so that a load balancer stops sending requests to it. The checks' details
/// (paths, error text) are shown only to those who may read `/metrics`.
struct HealthController: RouteCollection {
    struct Check: Content {
        var name: String
        var ok: Bool
        var detail: String?
    }

    struct Report: Content {
        var status: String
        var checks: [Check]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "healthz", access: .anyone, use: alive)
        routes.endpoint(.GET, "readyz", access: .anyone, use: ready)
    }

    @Sendable
    func alive(_ req: Request) async throws -> Response {
        try await Report(status: "ok", checks: []).encodeResponse(status: .ok, for: req)
    }

    @Sendable
    func ready(_ req: Request) async throws -> Response {
        var checks: [Check] = []
        do {
            _ = try await req.db.sql.raw("SELECT 1 AS one").all()
            checks.append(Check(name: "database", ok: true))
            let pending = try await req.application.migrator.previewPrepareBatch().get()
            checks.append(Check(name: "migrations", ok: pending.isEmpty,
                                detail: pending.isEmpty ? nil : "\(pending.count) pending: "
                                    + pending.prefix(5).map { $0.0.name }.joined(separator: ", ")))
        } catch {
            checks.append(Check(name: "database", ok: false, detail: String(describing: error)))
        }
        for (index, folder) in Self.writableFolders(req.application.rectifyConfig.database).enumerated() {
            checks.append(Self.writable(folder, name: index == 0 ? "temporary folder" : "database folder"))
        }
        let ok = checks.allSatisfy(\.ok)
        // Paths and error text are for those who may read the metrics; a balancer needs only the status.
        if !MetricsController.mayRead(req) {
            checks = checks.map { Check(name: $0.name, ok: $0.ok, detail: nil) }
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        let response = try await Report(status: ok ? "ok" : "unavailable", checks: checks)
            .encodeResponse(status: ok ? .ok : .serviceUnavailable, headers: headers, for: req)
        return response
    }

    /// The temporary folder (large exports are written there first) and, for the embedded
    /// database, the folder of its file (its journal and write-ahead log are created beside it;
    /// evidence files are stored in the database).
    static func writableFolders(_ database: DatabaseLocation) -> [String] {
        var folders = [FileManager.default.temporaryDirectory.path]
        if case .sqliteFile(let path) = database {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            if !folders.contains(folder) { folders.append(folder) }
        }
        return folders
    }

    static func writable(_ folder: String, name: String = "folder") -> Check {
        let probe = URL(fileURLWithPath: folder).appendingPathComponent(".rectify-ready-\(UUID().uuidString)")
        do {
            try Data("ok".utf8).write(to: probe)
            try FileManager.default.removeItem(at: probe)
            return Check(name: name, ok: true, detail: folder)
        } catch {
            return Check(name: name, ok: false, detail: "\(folder): \(error.localizedDescription)")
        }
    }
}
