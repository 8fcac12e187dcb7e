import Foundation

/// An upload refused because reading it would cost more than `UploadLimits` allows. Readers pass it
/// on unwrapped, so the server answers 413 and the command line names the limit.
public struct UploadLimitExceeded: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Limit: String, Sendable, Equatable {
        case uncompressedSize = "uncompressed_size"
        case entryCount = "entry_count"
        case compressionRatio = "compression_ratio"
        case xmlDepth = "xml_depth"
        case xmlText = "xml_text"
        case textSize = "text_size"
        case worksheetCells = "worksheet_cells"
        case fileSize = "file_size"
        case reportLines = "report_lines"
    }

    public let limit: Limit
    /// The limit's value, in the unit its message names.
    public let value: Int
    /// The archive part being read, when there is one.
    public let part: String?

    public init(_ limit: Limit, value: Int, part: String? = nil) {
        self.limit = limit
        self.value = value
        self.part = part
    }

    /// The refusal in words for the user, naming the limit.
    public var message: String {
        let subject = part.map { "文件部件 \($0)" } ?? "文件"
        switch limit {
        case .uncompressedSize: return "\(subject)解压后超过 \(Self.megabytes(value)) 的上限，已拒绝读取（可能是压缩炸弹）"
        case .entryCount: return "压缩包内的文件数超过 \(value) 个的上限，已拒绝读取"
        case .compressionRatio: return "\(subject)的压缩比超过 \(value):1 的上限，已拒绝读取（可能是压缩炸弹）"
        case .xmlDepth: return "\(subject)的 XML 嵌套超过 \(value) 层的上限，已拒绝读取"
        case .xmlText: return "\(subject)中一段连续文本超过 \(Self.megabytes(value)) 的上限，已拒绝读取"
        case .textSize: return "报告文件超过 \(Self.megabytes(value)) 的上限，已拒绝读取"
        case .worksheetCells: return "工作表的单元格超过 \(value) 个的上限，已拒绝读取"
        case .fileSize: return "文件超过 \(Self.megabytes(value)) 的上限，已拒绝读取"
        case .reportLines: return "报告超过 \(value) 行（段）的上限，已拒绝读取"
        }
    }

    public var description: String { message }

    static func megabytes(_ bytes: Int) -> String {
        bytes % 1_048_576 == 0 ? "\(bytes / 1_048_576) MB" : "\(bytes) 字节"
    }
}
