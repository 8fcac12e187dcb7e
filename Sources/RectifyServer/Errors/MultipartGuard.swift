import Foundation
import Vapor

/// MultipartKit 4.7.1 (the last 4.x) looks each byte of a part's header name up in a 128-entry table
/// without a bounds check, so a name byte of 0x80 or above traps and stops the whole server. Every
/// `req.content.decode` of a multipart/form-data body reaches that parser, whatever type it decodes,
/// on any POST route including sign-in. Such a body is answered 400 instead: the error middleware
/// checks a body that arrived whole before any middleware can decode it (the CSRF check does), and
/// every route checks again once it has collected its body with its own size limit (`endpoint`).
enum MultipartGuard {
    static func check(_ request: Request) throws {
        guard let contentType = request.headers.contentType, contentType.type.lowercased() == "multipart",
              let boundary = contentType.parameters["boundary"], !boundary.isEmpty,
              let body = request.body.data else { return }
        if !headerNamesAreASCII(body, delimiter: Array("--\(boundary)".utf8)) {
            throw RectifyError.badRequest(code: "malformed_multipart", message: "上传内容的分段标头名称含有非 ASCII 字符")
        }
    }

    /// Whether the header names the parser would read are ASCII: after every `--boundary`, each line up
    /// to its first colon, until the blank line that ends the part's headers. It looks at more than the
    /// parser reads (every occurrence of the delimiter), never less.
    static func headerNamesAreASCII(_ body: ByteBuffer, delimiter: [UInt8]) -> Bool {
        body.withUnsafeReadableBytes { bytes in
            guard !delimiter.isEmpty else { return true }
            let count = bytes.count
            var offset = 0
            while offset < count {
                guard let start = firstOccurrence(of: delimiter, in: bytes, from: offset) else { return true }
                var index = start + delimiter.count
                var inName = true
                scan: while index < count {
                    let byte = bytes[index]
                    switch byte {
                    case 0x0D:
                        // The parser fails on a CR without LF; CR LF CR starts the blank line after the headers.
                        guard index + 1 < count, bytes[index + 1] == 0x0A else { break scan }
                        if index + 2 < count, bytes[index + 2] == 0x0D { break scan }
                        index += 2
                        inName = true
                        continue scan
                    case UInt8(ascii: ":"):
                        inName = false
                    case 0x80...:
                        if inName { return false }
                    default:
                        break
                    }
                    index += 1
                }
                offset = max(index, start + 1)
            }
            return true
        }
    }

    private static func firstOccurrence(of needle: [UInt8], in bytes: UnsafeRawBufferPointer, from offset: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var from = offset
        while from + needle.count <= bytes.count {
            // memchr finds the candidates fast in multi-megabyte uploads, also in debug builds.
            guard let hit = memchr(base + from, Int32(needle[0]), bytes.count - from) else { return nil }
            let at = base.distance(to: UnsafeRawPointer(hit))
            if at + needle.count > bytes.count { return nil }
            if memcmp(base + at, needle, needle.count) == 0 { return at }
            from = at + 1
        }
        return nil
    }
}
