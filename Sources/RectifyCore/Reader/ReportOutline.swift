import Foundation

/// The report cut into headings, problems (with the lines of their progress text) and the
/// lines outside any problem, where summaries and the round are stated.
struct ReportOutline {
    struct ProblemDraft {
        var source: ReportSource
        var number: Int
        var label: String
        var style: ReportHeadingStyle
        var title: String
        var heading: String
        var status: ReportProblemStatus
        var location: ReportLocation
        var sectionIndex: Int?
        /// Lines of the progress text and the offset where its text starts in each.
        var parts: [(line: ReportLine, offset: Int)]
    }

    var sections: [ReportSection] = []
    var problems: [ProblemDraft] = []
    var outsideLines: [ReportLine] = []
}
