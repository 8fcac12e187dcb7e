import Crypto
import Foundation

/// One audit event as it enters the hash chain. The canonical form is fixed field by field,
/// so a verifier years later recomputes the same hash from the stored columns.
public struct AuditRecord: Sendable, Equatable, Codable {
    public var sequence: Int64
    public var atMillis: Int64
    public var actorID: String?
    public var actorName: String
    public var action: String
    public var entity: String
    public var entityID: String
    public var before: String?
    public var after: String?
    public var previousHash: String
    public var hash: String
    /// The request that made the change (its `X-Request-Id`), to find its log lines.
    public var requestID: String?

    public init(sequence: Int64, atMillis: Int64, actorID: String?, actorName: String, action: String,
                entity: String, entityID: String, before: String?, after: String?,
                previousHash: String, hash: String = "", requestID: String? = nil) {
        self.sequence = sequence
        self.atMillis = atMillis
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.before = before
        self.after = after
        self.previousHash = previousHash
        self.hash = hash
        self.requestID = requestID
    }
}

/// The SHA-256 hash chain over audit events: each event carries the hash of the one before it,
/// so altering, inserting or removing a stored row breaks every hash after it.
public enum AuditChain {
    /// The previous hash of the very first event.
    public static let genesis = String(repeating: "0", count: 64)

    public static func hash(of record: AuditRecord) -> String {
        // Length-prefixed fields: no separator inside a field can shift another field.
        var data = Data()
        func put(_ value: String?) {
            guard let value else { data.append(contentsOf: Array("-1:".utf8)); return }
            let bytes = Array(value.utf8)
            data.append(contentsOf: Array("\(bytes.count):".utf8))
            data.append(contentsOf: bytes)
        }
        put(String(record.sequence))
        put(String(record.atMillis))
        put(record.actorID)
        put(record.actorName)
        put(record.action)
        put(record.entity)
        put(record.entityID)
        put(record.before)
        put(record.after)
        put(record.previousHash)
        // Appended only when present: events recorded before request ids keep their hashes, and an
        // id added to or removed from a stored event breaks its hash like any other field.
        if let requestID = record.requestID { put(requestID) }
        return HexDigest.string(SHA256.hash(data: data))
    }

    /// Fills in the previous hash and the event's own hash.
    public static func seal(_ record: AuditRecord, after previous: String) -> AuditRecord {
        var sealed = record
        sealed.previousHash = previous
        sealed.hash = hash(of: sealed)
        return sealed
    }

    public enum Fault: Equatable, Sendable, CustomStringConvertible {
        case gap(expected: Int64, found: Int64)
        case brokenLink(sequence: Int64)
        case alteredContent(sequence: Int64)
        case headMismatch(expected: Int64, found: Int64)

        public var sequence: Int64 {
            switch self {
            case .gap(let expected, _): expected
            case .brokenLink(let s), .alteredContent(let s): s
            case .headMismatch(_, let found): found
            }
        }

        public var description: String {
            switch self {
            case .gap(let expected, let found):
                "审计链断裂：缺少第 \(expected) 号事件（下一条为第 \(found) 号），记录可能被删除"
            case .brokenLink(let s):
                "审计链断裂：第 \(s) 号事件记载的前序哈希与上一事件不符，记录可能被删除或插入"
            case .alteredContent(let s):
                "审计链断裂：第 \(s) 号事件的内容与其哈希不符，记录可能被篡改"
            case .headMismatch(let expected, let found):
                "审计链断裂：链头记载最后一条为第 \(expected) 号事件，实际为第 \(found) 号，末尾记录可能被删除"
            }
        }
    }

    /// Walks events in sequence order and returns the first fault. `startingAfter` is the hash
    /// and sequence the walk continues from, so a large log is verified page by page.
    public static func verify<S: Sequence>(_ records: S, previousHash: String, previousSequence: Int64) -> Fault?
    where S.Element == AuditRecord {
        var prevHash = previousHash
        var prevSeq = previousSequence
        for record in records {
            if record.sequence != prevSeq + 1 { return .gap(expected: prevSeq + 1, found: record.sequence) }
            if record.previousHash != prevHash { return .brokenLink(sequence: record.sequence) }
            if hash(of: record) != record.hash { return .alteredContent(sequence: record.sequence) }
            prevHash = record.hash
            prevSeq = record.sequence
        }
        return nil
    }
}
