import Foundation

/// Appends UTF-8 text to a file through a fixed-size buffer, so memory stays flat however
/// much is written.
final class StreamingFileWriter {
    let url: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity: Int
    private(set) var bytesWritten: Int64 = 0

    init(url: URL, capacity: Int = 1 << 16) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw LedgerWorkbookError.writeFailed("无法创建临时文件 \(url.path)")
        }
        self.url = url
        self.handle = try FileHandle(forWritingTo: url)
        self.capacity = capacity
        buffer.reserveCapacity(capacity + 4096)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        bytesWritten += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }
}
