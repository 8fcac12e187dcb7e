import Foundation

/// The numbering styles of Chinese official headings, in their customary order of depth.
public enum ReportHeadingStyle: String, Codable, Sendable {
    /// 一、
    case chineseComma
    /// （一）
    case parenChinese
    /// 1. or 1、
    case arabic
    /// （1）
    case parenArabic
    /// ①
    case circled
    /// No label at all.
    case none
}
