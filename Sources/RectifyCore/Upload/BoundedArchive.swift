import Foundation
import ZIPFoundation

/// An uploaded ZIP archive (.docx, .xlsx) read within `UploadLimits`: its structure is checked
/// before ZIPFoundation opens it, its entries are counted, and each part is inflated in chunks that
/// are counted as they come, so neither the declared sizes nor a deflate bomb decide how much memory
/// a read takes. Every XML part read passes `XMLShapeCheck`.
public final class BoundedArchive {
    /// The archive cannot be read as a ZIP; callers say so in their own terms.
    public struct Damaged: Error, Sendable {
        public let reason: String
    }

    public let limits: UploadLimits
    private let archive: Archive
    /// Bytes inflated so far by this read, across parts.
    public private(set) var inflatedBytes = 0

    public init(data: Data, limits: UploadLimits) throws {
        self.limits = limits
        guard ZIPBoundsCheck.isSafe(data) else { throw Damaged(reason: "压缩包结构损坏") }
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw Damaged(reason: "无法按 ZIP 解压")
        }
        var entries = 0
        for _ in archive {
            entries += 1
            if entries > limits.maxEntries { throw UploadLimitExceeded(.entryCount, value: limits.maxEntries) }
        }
    }

    public func contains(_ path: String) -> Bool { archive[path] != nil }

    /// The inflated content of one part, or nil when the archive has no such part.
    public func read(_ path: String) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        let limits = self.limits
        let budget = limits.maxUncompressedBytes - inflatedBytes
        // Declared sizes come from the upload: clamped, never trusted to fit (found by the archive fuzzer).
        let compressed = max(Int(clamping: entry.compressedSize), 1)
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: true) { chunk in
                let size = data.count + chunk.count
                if size > budget {
                    throw UploadLimitExceeded(.uncompressedSize, value: limits.maxUncompressedBytes, part: path)
                }
                if size > limits.ratioFloorBytes, size / compressed > limits.maxCompressionRatio {
                    throw UploadLimitExceeded(.compressionRatio, value: limits.maxCompressionRatio, part: path)
                }
                data.append(chunk)
            }
        } catch let refusal as UploadLimitExceeded {
            throw refusal
        } catch {
            throw Damaged(reason: "\(path) 无法解压")
        }
        inflatedBytes += data.count
        if path.hasSuffix(".xml") || path.hasSuffix(".rels") {
            try XMLShapeCheck.check(data, limits: limits, part: path)
        }
        return data
    }
}
