import LeafKit

extension ProblemPagesController {
    /// A measure's progress reports as the page's timeline, written here rather than looped in Leaf:
    /// the reports are most of a problem page, and Leaf's per-row lookups, escapes and comparisons were
    /// half the page's CPU time against a sixth for its SQL (issue 21's profile). Text is escaped as
    /// Leaf escapes `#( )`; the markup is the one `problem.leaf` had.
    static func timelineHTML(_ reports: [ReportRow], csrf: String) -> String? {
        guard !reports.isEmpty else { return nil }
        var html = ""
        html.reserveCapacity(reports.count * 400)
        for r in reports {
            html += "<li><strong>\(r.date.escapedForHTML)</strong> 进度\(r.progress)% · \(r.reporter.escapedForHTML) · "
            html += "<span class=\"state-\(r.stateCode.escapedForHTML)\">\(r.state.escapedForHTML)</span>\n      <p>\(r.text.escapedForHTML)</p>\n"
            if let opinion = r.opinion { html += "      <p class=\"opinion\">审核意见：\(opinion.escapedForHTML)</p>\n" }
            if !r.evidence.isEmpty {
                html += "      <ul class=\"files\">"
                for f in r.evidence {
                    html += "<li><a href=\"/api/v1/evidence/\(f.id.uuidString)\">\(f.name.escapedForHTML)</a>（\(f.size.escapedForHTML)）</li>"
                }
                html += "</ul>\n"
            }
            if r.canReview {
                html += """
                      <form method="post" action="/progress-reports/\(r.id.uuidString)/review" class="inline">
                        <input type="hidden" name="_csrf" value="\(csrf.escapedForHTML)">
                        <label>审核意见 <input name="opinion"></label>
                        <button name="decision" value="approve">审核通过</button>
                        <button name="decision" value="return">退回修改</button>
                      </form>

                """
            }
            html += "    </li>\n"
        }
        return html
    }
}
