import Foundation

/// Failures while writing or reading a ledger workbook; messages name the sheet, row and column.
public enum LedgerWorkbookError: Error, LocalizedError, Equatable, Sendable {
    case notAWorkbook(String)
    case missingPart(String)
    case malformedPart(String, String)
    case noWorksheet
    case headerNotFound(sheet: String)
    case invalidDate(sheet: String, row: Int, column: String, header: String, text: String)
    case writeFailed(String)
    case alreadyFinished

    public var errorDescription: String? {
        switch self {
        case .notAWorkbook(let reason):
            return "文件不是有效的Excel工作簿（.xlsx）：\(reason)"
        case .missingPart(let part):
            return "工作簿缺少部件“\(part)”"
        case .malformedPart(let part, let reason):
            return "工作簿部件“\(part)”格式错误：\(reason)"
        case .noWorksheet:
            return "工作簿中没有工作表"
        case .headerNotFound(let sheet):
            return "工作表“\(sheet)”前20行中未找到台账表头（应包含“具体问题”“整改措施”“责任单位”“整改时限”等列）"
        case .invalidDate(let sheet, let row, let column, let header, let text):
            return "工作表“\(sheet)”第\(row)行\(column)列：\(header)“\(text)”不是日期"
        case .writeFailed(let reason):
            return "写入台账工作簿失败：\(reason)"
        case .alreadyFinished:
            return "台账工作簿已完成写入，不能再追加行"
        }
    }
}
