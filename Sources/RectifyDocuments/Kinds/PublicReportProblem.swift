import Foundation

/// One problem of the progress section: "关于“title”问题" followed by "整改情况：" and its
/// measures, numbered ①②… when there are several.
public struct PublicReportProblem: Sendable, Equatable {
    public var title: String
    public var measures: [String]

    public init(title: String, measures: [String]) {
        self.title = title
        self.measures = measures
    }

    /// "关于“title”问题"; double quotes inside the title become single quotes (‘’).
    public var heading: String {
        let inner = title.replacingOccurrences(of: "“", with: "‘").replacingOccurrences(of: "”", with: "’")
        return "关于“\(inner)”问题"
    }

    /// "整改情况：①…②…", or the single measure without a marker.
    public var rectification: String {
        if measures.count == 1 { return "整改情况：\(measures[0])" }
        let numbered = measures.enumerated().map { ChineseOrdinal.circled($0.offset + 1) + $0.element }
        return "整改情况：" + numbered.joined()
    }
}
