import Foundation

/// Serves the bytes of several in-memory pieces and files as one sequence, in chunks, for
/// ZIPFoundation's entry provider: the worksheet is assembled from its head, the rows file,
/// the merges file and its tail without being copied.
final class SegmentedSource {
    private let segments: [SourceSegment]
    private var handles: [Int: FileHandle] = [:]
    let totalSize: Int64

    init(_ segments: [SourceSegment]) {
        self.segments = segments
        totalSize = segments.reduce(0) { total, segment in
            switch segment {
            case .data(let data): return total + Int64(data.count)
            case .file(_, let size): return total + size
            }
        }
    }

    /// Up to `size` bytes starting at `position`.
    func read(at position: Int64, size: Int) throws -> Data {
        var result = Data()
        result.reserveCapacity(size)
        var offset = position
        var remaining = size
        var start: Int64 = 0
        for (index, segment) in segments.enumerated() where remaining > 0 {
            let length: Int64
            switch segment {
            case .data(let data): length = Int64(data.count)
            case .file(_, let size): length = size
            }
            defer { start += length }
            guard offset < start + length else { continue }
            let local = offset - start
            let count = Int(min(Int64(remaining), length - local))
            switch segment {
            case .data(let data):
                result.append(data.subdata(in: Int(local)..<Int(local) + count))
            case .file(let url, _):
                let handle = try handle(index, url)
                try handle.seek(toOffset: UInt64(local))
                if let chunk = try handle.read(upToCount: count) { result.append(chunk) }
            }
            offset += Int64(count)
            remaining -= count
        }
        return result
    }

    private func handle(_ index: Int, _ url: URL) throws -> FileHandle {
        if let handle = handles[index] { return handle }
        let handle = try FileHandle(forReadingFrom: url)
        handles[index] = handle
        return handle
    }

    func close() {
        for handle in handles.values { try? handle.close() }
        handles.removeAll()
    }
}
