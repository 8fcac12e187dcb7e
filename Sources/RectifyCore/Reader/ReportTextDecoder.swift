import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns bytes into text: UTF-8 (with or without BOM) when valid, else GB18030, which is a
/// superset of GBK and GB2312, the encodings Chinese government sites still publish in.
enum ReportTextDecoder {
    static func decode(_ data: Data) throws -> String {
        guard !data.isEmpty else {
            throw ReportReadError(kind: .empty, expected: "巡察整改进展情况报告正文（纯文本、.docx 或 .html）")
        }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]),
           let text = String(data: bytes, encoding: .utf16) {
            return try checked(text)
        }
        if let text = String(data: bytes, encoding: .utf8) { return try checked(text) }
        switch convert(Data(bytes), from: "GB18030", to: "UTF-8") {
        case .success(let converted):
            return try checked(String(decoding: converted, as: UTF8.self))
        case .failure(let gbOffset):
            // Report the fault of whichever encoding read further: that is the one the file is in.
            let utf8Offset = validUTF8Prefix(bytes)
            let offset = max(gbOffset, utf8Offset)
            let encoding = utf8Offset >= gbOffset ? "UTF-8" : "GB18030"
            let line = bytes.prefix(offset).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw ReportReadError(kind: .badEncoding, line: line, expected: "UTF-8 或 GB18030/GBK 编码的文本",
                                  found: "第\(offset + 1)字节处无法按\(encoding)解码")
        }
    }

    /// Length in bytes of the longest prefix that is valid UTF-8.
    static func validUTF8Prefix<Bytes: Collection>(_ bytes: Bytes) -> Int where Bytes.Element == UInt8 {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var valid = 0
        var consumed = 0
        // Count bytes per decoded scalar by re-encoding it; cheap enough for the error path.
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
                valid = consumed
            case .emptyInput, .error:
                return valid
            }
        }
    }

    enum Conversion {
        case success(Data)
        /// Byte offset of the first sequence that could not be converted.
        case failure(Int)
    }

    /// Converts between encodings with the C library's iconv.
    static func convert(_ data: Data, from source: String, to target: String) -> Conversion {
        let descriptor = iconv_open(target, source)
        guard descriptor != iconv_t(bitPattern: -1) else { return .failure(0) }
        defer { iconv_close(descriptor) }
        var input = [CChar](repeating: 0, count: data.count)
        data.withUnsafeBytes { raw in
            for (index, byte) in raw.enumerated() { input[index] = CChar(bitPattern: byte) }
        }
        var output = [CChar](repeating: 0, count: data.count * 4 + 16)
        let outputCapacity = output.count
        var result: Conversion = .failure(0)
        input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inputBuffer.baseAddress
                var inLeft = inputBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = outputBuffer.baseAddress
                var outLeft = outputCapacity
                let status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                if status == -1 || inLeft > 0 {
                    result = .failure(inputBuffer.count - inLeft)
                } else {
                    let written = outputCapacity - outLeft
                    result = .success(Data(bytes: outputBuffer.baseAddress!, count: written))
                }
            }
        }
        return result
    }

    /// Text decoded from the wrong encoding, or binary data, shows control characters.
    private static func checked(_ text: String) throws -> String {
        var line = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1; continue }
            if scalar.value < 0x20 && scalar != "\t" && scalar != "\r" && scalar != "\u{0C}" || scalar == "\u{FFFD}" {
                throw ReportReadError(kind: .badEncoding, line: line, expected: "UTF-8 或 GB18030/GBK 编码的文本",
                                      found: String(format: "控制字符 U+%04X", scalar.value))
            }
        }
        return text
    }
}
