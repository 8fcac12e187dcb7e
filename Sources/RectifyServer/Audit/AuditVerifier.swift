import Fluent
import RectifyCore
import SQLKit

/// Walks the stored audit chain page by page and reports the first fault.
enum AuditVerifier {
    struct Result: Sendable {
        let checked: Int64
        let fault: AuditChain.Fault?
    }

    /// `progress` counts the events verified (`rectify audit verify`, backup, restore).
    static func verify(on db: Database, pageSize: Int = 2000, progress: WorkProgress? = nil) async throws -> Result {
        if let progress { progress.setTotal(Int64(try await AuditEvent.query(on: db).count())) }
        var previousHash = AuditChain.genesis
        var previousSequence: Int64 = 0
        var checked: Int64 = 0
        while true {
            let page = try await AuditEvent.query(on: db)
                .filter(\.$id > previousSequence)
                .sort(\.$id).limit(pageSize).all()
            if page.isEmpty { break }
            let records = page.map(\.record)
            if let fault = AuditChain.verify(records, previousHash: previousHash, previousSequence: previousSequence) {
                return Result(checked: checked, fault: fault)
            }
            checked += Int64(records.count)
            try progress?.advance(by: Int64(records.count))
            previousHash = records.last!.hash
            previousSequence = records.last!.sequence
        }
        if let sql = db as? SQLDatabase,
           let head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first(decoding: AuditHead.self),
           head.seq != previousSequence || head.hash != previousHash {
            return Result(checked: checked, fault: .headMismatch(expected: head.seq, found: previousSequence))
        }
        return Result(checked: checked, fault: nil)
    }
}
