import Foundation

/// What a measure does, used to tell real results from paper-only rectification (纸面整改).
public enum ReportActionKind: String, Codable, Sendable, CaseIterable, Comparable {
    case study
    case meeting
    case document
    case accountability
    /// A quantity with a unit, a completed work or money recovered.
    case measurableResult

    public var label: String {
        switch self {
        case .study: return "学习培训"
        case .meeting: return "召开会议"
        case .document: return "印发文件"
        case .accountability: return "追责问责"
        case .measurableResult: return "可衡量结果"
        }
    }

    public static func < (lhs: ReportActionKind, rhs: ReportActionKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
