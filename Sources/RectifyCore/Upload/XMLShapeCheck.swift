import Foundation

/// A scan of an XML part's bytes before any parser sees it: how deep its elements nest and how long
/// a run of text or a single tag is. A SAX parser keeps a frame per open element and hands a text run
/// to its delegate as one string, so both are bounded here, in one pass without allocation.
public enum XMLShapeCheck {
    public static func check(_ data: Data, limits: UploadLimits, part: String? = nil) throws {
        let maxDepth = limits.maxXMLDepth
        let maxRun = limits.maxXMLTextBytes
        let failure: UploadLimitExceeded? = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let count = bytes.count
            let lt = UInt8(ascii: "<"), slash = UInt8(ascii: "/")
            let question = UInt8(ascii: "?"), bang = UInt8(ascii: "!")
            var depth = 0
            var run = 0
            var index = 0
            while index < count {
                guard bytes[index] == lt else {
                    run += 1
                    if run > maxRun { return UploadLimitExceeded(.xmlText, value: maxRun, part: part) }
                    index += 1
                    continue
                }
                run = 0
                let start = index
                let next = index + 1 < count ? bytes[index + 1] : 0
                var end: Int
                if next == bang, XMLPartCheck.startsWith(bytes, at: index, "<!--") {
                    end = find(bytes, from: index + 4, "-->")
                } else if next == bang, XMLPartCheck.startsWith(bytes, at: index, "<![CDATA[") {
                    end = find(bytes, from: index + 9, "]]>")
                } else if next == question {
                    end = find(bytes, from: index + 2, "?>")
                } else {
                    end = tagEnd(bytes, from: index + 1)
                    if next == slash {
                        depth -= 1
                    } else if next != bang, end < count, bytes[end - 1] != slash {
                        depth += 1
                        if depth > maxDepth { return UploadLimitExceeded(.xmlDepth, value: maxDepth, part: part) }
                    }
                }
                if end - start > maxRun { return UploadLimitExceeded(.xmlText, value: maxRun, part: part) }
                index = end + 1
            }
            return nil
        }
        if let failure { throw failure }
    }

    /// The index of the last byte of `literal` at or after `from`, or the end of the bytes.
    private static func find(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, _ literal: StaticString) -> Int {
        let length = literal.utf8CodeUnitCount
        var index = from
        while index + length <= bytes.count {
            if XMLPartCheck.startsWith(bytes, at: index, literal) { return index + length - 1 }
            index += 1
        }
        return bytes.count
    }

    /// The index of the `>` closing a tag, skipping quoted attribute values (which may hold `>`).
    private static func tagEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var quote: UInt8 = 0
        var index = from
        while index < bytes.count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            }
            index += 1
        }
        return bytes.count
    }
}
