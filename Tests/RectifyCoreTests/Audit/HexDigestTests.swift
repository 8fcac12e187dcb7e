import Foundation
import RectifyCore
import Testing

@Suite struct HexDigestTests {
    @Test func everyByteIsWrittenAsTwoLowerCaseDigits() {
        let bytes = (0...255).map { UInt8($0) }

        let hex = HexDigest.string(bytes)

        #expect(hex == bytes.map { String(format: "%02x", $0) }.joined())
        #expect(hex.count == 512)
    }

    @Test func emptyInputGivesEmptyString() {
        #expect(HexDigest.string([UInt8]()) == "")
    }

    /// Stored chains must verify years later: the hash of a fixed record is pinned to the value
    /// computed independently (Python's hashlib over the same length-prefixed fields).
    @Test func auditHashOfAFixedRecordIsUnchanged() {
        let record = AuditRecord(sequence: 1, atMillis: 1_700_000_000_000, actorID: nil, actorName: "办公室",
                                 action: "create", entity: "measure", entityID: "m-1", before: nil,
                                 after: #"{"a":1}"#, previousHash: AuditChain.genesis)

        #expect(AuditChain.hash(of: record) == "d8b5dee44bdb74e5a7dd635d1dff14c22242e54492a5a7e17589167c0e3e908a")
    }
}
