import Foundation

/// Why a file could not be read as a report: where (line or paragraph, and the part of a
/// .docx) and what was expected there, so that a clerk can fix the file.
public struct ReportReadError: Error, LocalizedError, CustomStringConvertible, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        /// No bytes, or only blank lines.
        case empty
        /// Neither valid UTF-8 nor GB18030 text.
        case badEncoding
        /// A .docx that is not a ZIP archive or lacks `word/document.xml`.
        case badArchive
        /// XML inside a .docx that does not parse.
        case badXML
        /// Readable text that is not a rectification progress report.
        case notAReport
        /// The file could not be opened.
        case unreadableFile
    }

    public var kind: Kind
    /// 1-based line (text, HTML, XML part) or paragraph (.docx body); nil when the whole file is at fault.
    public var line: Int?
    /// The archive member at fault, such as `word/document.xml`.
    public var part: String?
    /// What should have been there, in Chinese.
    public var expected: String
    /// What was found instead, when it helps.
    public var found: String?

    public init(kind: Kind, line: Int? = nil, part: String? = nil, expected: String, found: String? = nil) {
        self.kind = kind
        self.line = line
        self.part = part
        self.expected = expected
        self.found = found
    }

    private var kindText: String {
        switch kind {
        case .empty: return "文件为空"
        case .badEncoding: return "无法识别文本编码"
        case .badArchive: return "不是有效的 .docx 文件"
        case .badXML: return "文档 XML 格式错误"
        case .notAReport: return "不是巡察整改进展情况报告"
        case .unreadableFile: return "无法打开文件"
        }
    }

    public var description: String {
        var place = ""
        if let part { place += part }
        if let line { place += kind == .badXML || part != nil ? "第\(line)行" : "第\(line)行（段）" }
        var text = place.isEmpty ? kindText : "\(place)：\(kindText)"
        text += "，应为\(expected)"
        if let found, !found.isEmpty { text += "；实际为“\(found)”" }
        return text + "。"
    }

    public var errorDescription: String? { description }
}
