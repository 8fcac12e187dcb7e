import Foundation

/// A calendar file that cannot be used. The operator reads `problem`; `detail` helps whoever
/// debugs the decoder.
public struct CalendarDataError: Error, LocalizedError, CustomStringConvertible, Equatable, Sendable {
    /// File name (not path), `nil` for data built in code.
    public var file: String?
    /// What is wrong, in Chinese.
    public var problem: String
    /// Technical detail, in English.
    public var detail: String

    public init(file: String?, problem: String, detail: String) {
        self.file = file
        self.problem = problem
        self.detail = detail
    }

    public var description: String {
        let source = file.map { "节假日数据文件“\($0)”" } ?? "节假日数据"
        return "\(source)有误：\(problem)（\(detail)）"
    }

    public var errorDescription: String? { description }
}
