import Foundation

/// Failures while writing or reading a Word document.
public enum OfficeDocumentError: Error, LocalizedError, Equatable, Sendable {
    case archiveFailure(String)
    case missingPart(String)
    case malformedPart(String, String)

    public var errorDescription: String? {
        switch self {
        case .archiveFailure(let reason): return "无法生成或打开文档压缩包：\(reason)"
        case .missingPart(let part): return "文档缺少部件“\(part)”"
        case .malformedPart(let part, let reason): return "文档部件“\(part)”格式错误：\(reason)"
        }
    }
}
