import Foundation

/// The gate every uploaded XML part passes before FoundationXML's XMLParser sees it. The parser
/// on Linux takes the whole process down on some inputs instead of reporting an error, so a
/// hostile upload could stop the server for everyone:
/// - invalid UTF-8 in a name traps;
/// - a processing instruction without data (`<?x?>`) makes the delegate bridge call strlen(NULL)
///   (swift-corelibs-foundation `_NSXMLParserProcessingInstruction`), found by the libFuzzer
///   harness in Fuzz/. A document type declaration can produce the same instruction through an
///   entity, and OOXML parts never carry one, so any `<!DOCTYPE` is refused as well.
public enum XMLPartCheck {
    /// Why the part must not be parsed, in words for the user, or nil when it may be.
    public static func refusal(_ data: Data) -> String? {
        guard ZIPBoundsCheck.isValidUTF8(data) else { return "编码无效" }
        return data.withUnsafeBytes { raw -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            let count = bytes.count
            var index = 0
            while index + 1 < count {
                guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
                let next = bytes[index + 1]
                if next == UInt8(ascii: "!"), startsWith(bytes, at: index, "<!DOCTYPE") {
                    return "含文档类型声明（DOCTYPE），Office 文档部件中不应出现"
                }
                if next == UInt8(ascii: "?"), instructionWithoutData(bytes, at: index) {
                    return "含无数据的处理指令（<?…?>）"
                }
                index += 1
            }
            return nil
        }
    }

    static func startsWith(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<length where bytes[index + offset] != pointer[offset] { return false }
        return true
    }

    /// `<?target?>`: the target runs straight into `?>` with no whitespace, so there is no data.
    private static func instructionWithoutData(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var cursor = index + 2
        while cursor < bytes.count {
            switch bytes[cursor] {
            case UInt8(ascii: "?"):
                return cursor + 1 < bytes.count && bytes[cursor + 1] == UInt8(ascii: ">")
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                return false
            default:
                cursor += 1
            }
        }
        return false
    }
}
