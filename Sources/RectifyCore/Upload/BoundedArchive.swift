import Foundation
#if canImport(CZlib)
import CZlib
#elseif canImport(zlib)
import zlib
#endif

/// An uploaded ZIP archive (.docx, .xlsx) read within `UploadLimits`. Its entries are those
/// `ZIPBoundsCheck` found within the bytes, and each part is inflated here with zlib, from
/// exactly its compressed bytes, in chunks counted as they come: neither the declared sizes nor a
/// deflate bomb decide how much memory a read takes, and a stream cut short is damage, not a loop.
/// (ZIPFoundation's reader, used before, trapped on offsets past the end and looped for ever on a
/// deflate stream that never ends; both found by the archive fuzzer.) Every XML part read passes
/// `XMLShapeCheck`.
public final class BoundedArchive {
    /// The archive cannot be read as a ZIP; callers say so in their own terms.
    public struct Damaged: Error, Sendable {
        public let reason: String
    }

    public let limits: UploadLimits
    private let data: Data
    private let entries: [String: ZIPBoundsCheck.Entry]
    /// Bytes inflated so far by this read, across parts.
    public private(set) var inflatedBytes = 0

    public init(data: Data, limits: UploadLimits) throws {
        self.limits = limits
        self.data = data
        guard let found = ZIPBoundsCheck.entries(data) else { throw Damaged(reason: "压缩包结构损坏") }
        if found.count > limits.maxEntries { throw UploadLimitExceeded(.entryCount, value: limits.maxEntries) }
        // The first of two entries of one name is the one read.
        entries = Dictionary(found.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The inflated content of one part, or nil when the archive has no such part.
    public func read(_ path: String) throws -> Data? {
        guard let entry = entries[path] else { return nil }
        let end = entry.dataStart + entry.compressedSize
        guard entry.dataStart >= 0, end <= data.count else { throw Damaged(reason: "\(path) 超出压缩包范围") }
        let budget = limits.maxUncompressedBytes - inflatedBytes
        var output = Data()
        switch entry.method {
        case 0:
            guard entry.compressedSize <= budget else {
                throw UploadLimitExceeded(.uncompressedSize, value: limits.maxUncompressedBytes, part: path)
            }
            output = data.subdata(in: (data.startIndex + entry.dataStart)..<(data.startIndex + end))
        case 8:
            output = try inflate(path, from: entry.dataStart, count: entry.compressedSize, budget: budget)
        default:
            throw Damaged(reason: "\(path) 的压缩方式（\(entry.method)）不受支持")
        }
        inflatedBytes += output.count
        if path.hasSuffix(".xml") || path.hasSuffix(".rels") {
            try XMLShapeCheck.check(output, limits: limits, part: path)
        }
        return output
    }

    /// Raw deflate from exactly `count` bytes; the output is checked against the budget and the ratio
    /// after every chunk.
    private func inflate(_ path: String, from start: Int, count: Int, budget: Int) throws -> Data {
        let limits = self.limits
        let compressed = max(count, 1)
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Damaged(reason: "\(path) 无法解压")
        }
        defer { inflateEnd(&stream) }
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var output = Data()
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { throw Damaged(reason: "\(path) 无法解压") }
            stream.next_in = UnsafeMutablePointer(mutating: base.advanced(by: start).assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(count)
            while true {
                let result: Int32 = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    return zlibInflate(&stream)
                }
                let produced = chunkSize - Int(stream.avail_out)
                if produced > 0 {
                    let size = output.count + produced
                    if size > budget {
                        throw UploadLimitExceeded(.uncompressedSize, value: limits.maxUncompressedBytes, part: path)
                    }
                    if size > limits.ratioFloorBytes, size / compressed > limits.maxCompressionRatio {
                        throw UploadLimitExceeded(.compressionRatio, value: limits.maxCompressionRatio, part: path)
                    }
                    output.append(contentsOf: chunk[0..<produced])
                }
                if result == Z_STREAM_END { return }
                // An error, or the compressed bytes used up before the stream's end: a damaged part.
                if result != Z_OK || (stream.avail_in == 0 && produced == 0) {
                    throw Damaged(reason: "\(path) 的压缩数据不完整或已损坏")
                }
            }
        }
        return output
    }
}

/// `inflate` under a name that does not clash with the method above.
private func zlibInflate(_ stream: UnsafeMutablePointer<z_stream>) -> Int32 {
    inflate(stream, Z_NO_FLUSH)
}
