import Foundation

/// The contents of a working-day calendar file (`cn-workdays.json` or an operator's file in the
/// same format).
///
/// ```json
/// { "version": 1,
///   "years": [ { "year": 2024, "source": "国务院办公厅关于2024年部分节假日安排的通知",
///                "holidays": [ { "name": "元旦", "first": "2023-12-30", "last": "2024-01-01" } ],
///                "adjustedWorkdays": [ "2024-02-04" ] } ] }
/// ```
public struct HolidayCalendarData: Codable, Hashable, Sendable {
    public static let currentVersion = 1

    public var version: Int
    public var years: [HolidayCalendarYear]

    public init(version: Int = HolidayCalendarData.currentVersion, years: [HolidayCalendarYear]) {
        self.version = version
        self.years = years
    }

    /// Decodes and checks a file's contents. `fileName` only labels the error.
    public static func decode(_ data: Data, fileName: String) throws -> HolidayCalendarData {
        let decoded: HolidayCalendarData
        do {
            decoded = try JSONDecoder().decode(HolidayCalendarData.self, from: data)
        } catch let error as DecodingError {
            throw CalendarDataError(file: fileName, problem: Self.chinese(error), detail: Self.detail(error))
        } catch {
            throw CalendarDataError(file: fileName, problem: "无法解析文件内容", detail: "\(error)")
        }
        try decoded.validate(fileName: fileName)
        return decoded
    }

    /// Reads, decodes and checks a file.
    public static func load(contentsOf url: URL) throws -> HolidayCalendarData {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CalendarDataError(file: url.lastPathComponent, problem: "无法读取文件", detail: "\(error)")
        }
        return try decode(data, fileName: url.lastPathComponent)
    }

    /// Checks the version, duplicate years and each year's entry. `fileName` only labels the error.
    public func validate(fileName: String?) throws {
        guard version == Self.currentVersion else {
            throw CalendarDataError(file: fileName, problem: "不支持的文件版本\(version)（应为\(Self.currentVersion)）",
                                    detail: "unsupported version \(version)")
        }
        var seen = Set<Int>()
        for entry in years {
            guard seen.insert(entry.year).inserted else {
                throw CalendarDataError(file: fileName, problem: "\(entry.year)年在同一文件中出现了两次",
                                        detail: "duplicate year \(entry.year)")
            }
            if let problem = entry.problem() {
                throw CalendarDataError(file: fileName, problem: problem.chinese, detail: problem.detail)
            }
        }
    }

    private static func chinese(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            "缺少字段“\(key.stringValue)”（位置：\(path(context.codingPath))）"
        case .typeMismatch(_, let context):
            "字段类型不正确（位置：\(path(context.codingPath))）"
        case .valueNotFound(_, let context):
            "字段值为空（位置：\(path(context.codingPath))）"
        case .dataCorrupted(let context):
            context.codingPath.isEmpty
                ? "不是有效的JSON文件"
                : "数据无效（位置：\(path(context.codingPath))）：\(context.debugDescription)"
        @unknown default:
            "无法解析文件内容"
        }
    }

    private static func detail(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(_, let context), .typeMismatch(_, let context),
             .valueNotFound(_, let context), .dataCorrupted(let context):
            context.debugDescription
        @unknown default:
            "\(error)"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        let text = codingPath.map { key in
            key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)"
        }.joined()
        return text.isEmpty ? "根" : String(text.drop(while: { $0 == "." }))
    }
}
