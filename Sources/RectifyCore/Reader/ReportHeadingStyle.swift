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
    /// 第一, 第二部分
    case ordinal
    /// 问题1: (the number is part of the problem's label)
    case problemNumber
    /// No label at all.
    case none

    /// Customary depth: 一、 and 第一 above （一） above 1. above （1） above ①.
    var rank: Int {
        switch self {
        case .chineseComma, .ordinal: 0
        case .parenChinese: 1
        case .arabic, .problemNumber: 2
        case .parenArabic: 3
        case .circled: 4
        case .none: 5
        }
    }
}
