import Fluent
import Foundation
import RectifyCore
import SQLKit
import Vapor

/// Writes synthetic inspected bodies into the ledger, each with `rounds` inspection rounds: one
/// transaction per body with multi-row inserts, and one audit event per body through the audit
/// trail, so the chain stays valid.
struct LedgerGenerator: Sendable {
    /// The day generated ledgers are dated from unless another is given: fixed, never the clock,
    /// so a seed always yields the same rows.
    static let defaultDay = Day(year: 2024, month: 6, day: 28)!

    struct Summary: Codable, Sendable {
        let body: String
        let sector: String
        let rounds: Int
        let problems: Int
        let measures: Int
        let rows: Int
        let seed: UInt64
        let index: Int
    }

    struct Result: Sendable {
        var bodies = 0
        var rows: [String: Int] = [:]
        var seconds = 0.0
    }

    let bodies: Int
    let seed: UInt64
    let day: Day
    let append: Bool
    let rounds: Int

    init(bodies: Int, seed: UInt64, day: Day, rounds: Int = 1, append: Bool) {
        self.bodies = bodies
        self.seed = seed
        self.day = day
        self.rounds = rounds
        self.append = append
    }

    /// Refuses a database that already holds a ledger unless appending; appended bodies continue
    /// the numbering after the bodies present, so user names stay unique.
    func firstIndex(on db: Database) async throws -> Int {
        let existing = try await Inspection.query(on: db).count()
        let organizations = try await Organization.query(on: db).count()
        if (existing > 0 || organizations > 0) && !append {
            throw CLIError("数据库中已有台账数据（\(existing) 个巡察轮次、\(organizations) 个单位），为防止混入合成数据，已停止。如确需追加，请加 --append。")
        }
        return try await Organization.query(on: db).filter(\.$kind == OrganizationKind.body.rawValue).count()
    }

    /// One bcrypt hash for every generated account (password `DemoLedger.password`), with a salt
    /// derived from the seed so the stored hash is deterministic too.
    func passwordHash(cost: Int) throws -> String {
        let alphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var rng = SeededGenerator(seed: seed ^ 0x5A17_5A17)
        // The last salt character carries only two bits; '.', 'O', 'e' and 'u' encode them exactly.
        let salt = String((0..<21).map { _ in alphabet[rng.int(0..<alphabet.count)] }) + String(rng.pick(Array(".Oeu")))
        return try Bcrypt.hash(DemoLedger.password, salt: String(format: "$2b$%02d$", cost) + salt)
    }

    /// `progress` follows each body's commit; when it throws (the command was interrupted) the
    /// bodies written so far stay, each whole with its audit event.
    func run(_ app: Application, progress: (Int, Result) throws -> Void = { _, _ in }) async throws -> Result {
        let start = DispatchTime.now()
        let first = try await firstIndex(on: app.db)
        let cost = max(4, min(31, app.credentials.bcryptCost))
        let hash = try passwordHash(cost: cost)
        var result = Result()
        let seed = self.seed, day = self.day, rounds = self.rounds
        // Builds the next body on another core while the current one is written.
        var next = Task { SyntheticBody.make(index: first, seed: seed, today: day, rounds: rounds, passwordHash: hash) }
        for n in 0..<bodies {
            let body = await next.value
            if n + 1 < bodies {
                let index = first + n + 1
                next = Task { SyntheticBody.make(index: index, seed: seed, today: day, rounds: rounds, passwordHash: hash) }
            }
            let rows = body.tables.reduce(0) { $0 + $1.count }
            let summary = Summary(body: body.name, sector: body.sector.rawValue, rounds: rounds, problems: body.problems, measures: body.measures,
                                  rows: rows, seed: seed, index: first + n)
            try await app.db.ledgerWrite(actor: AuditActor(id: nil, name: "合成数据生成"), now: SyntheticBody.stamp(day, minute: 480)) { db, audit in
                guard let sql = db as? any SQLDatabase else { throw CLIError("generate needs an SQL database") }
                // SQLite's default 2 MB page cache makes every insert into the large random-keyed
                // indexes a read from the file; 256 MB keeps them in memory (per connection, idempotent).
                if sql.dialect.name == "sqlite" { try await sql.raw("PRAGMA cache_size = -262144").run() }
                for table in body.tables { try await table.insert(on: sql) }
                try await audit.record("generate", entity: InspectionResource.entity, id: body.inspectionID.uuidString, after: summary)
            }
            result.bodies += 1
            for table in body.tables { result.rows[table.table, default: 0] += table.count }
            result.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            try progress(result.bodies, result)
        }
        return result
    }
}
