import Foundation

/// Horizontal bar charts drawn as inline SVG (no chart library, no CDN): one row per label,
/// the bar's length its completion rate, the figure written beside it.
enum SVGChart {
    struct Bar {
        let label: String
        let completed: Int
        let total: Int
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func completionBars(title: String, bars: [Bar]) -> String {
        let rowHeight = 28, labelWidth = 210, barWidth = 300, height = max(1, bars.count) * rowHeight + 36
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(labelWidth + barWidth + 110) \(height)" role="img" aria-label="\(escape(title))">
        <title>\(escape(title))</title>
        <text x="0" y="18" class="chart-title">\(escape(title))</text>
        """
        for (index, bar) in bars.enumerated() {
            let y = 30 + index * rowHeight
            let share = bar.total == 0 ? 0 : Double(bar.completed) / Double(bar.total)
            let width = Int((share * Double(barWidth)).rounded())
            let label = bar.label.count > 14 ? String(bar.label.prefix(13)) + "…" : bar.label
            svg += """
            <g><title>\(escape(bar.label))：已完成\(bar.completed)/\(bar.total)</title>
            <text x="\(labelWidth - 8)" y="\(y + 17)" text-anchor="end" class="chart-label">\(escape(label))</text>
            <rect x="\(labelWidth)" y="\(y + 4)" width="\(barWidth)" height="18" class="chart-track"/>
            <rect x="\(labelWidth)" y="\(y + 4)" width="\(width)" height="18" class="chart-bar"/>
            <text x="\(labelWidth + barWidth + 8)" y="\(y + 17)" class="chart-value">\(bar.completed)/\(bar.total)（\(Int((share * 100).rounded()))%）</text></g>
            """
        }
        return svg + "</svg>"
    }

    /// Two cumulative lines over weeks: completed (solid) and due by then (dashed).
    static func timeline(title: String, points: [(label: String, done: Int, plan: Int)], total: Int) -> String {
        guard points.count > 1, total > 0 else { return "" }
        let width = 620, height = 220, left = 40, top = 30, plotW = 560, plotH = 150
        func x(_ i: Int) -> Int { left + i * plotW / (points.count - 1) }
        func y(_ v: Int) -> Int { top + plotH - v * plotH / total }
        let done = points.enumerated().map { "\(x($0.offset)),\(y($0.element.done))" }.joined(separator: " ")
        let plan = points.enumerated().map { "\(x($0.offset)),\(y($0.element.plan))" }.joined(separator: " ")
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(width) \(height)" role="img" aria-label="\(escape(title))">
        <title>\(escape(title))</title>
        <text x="0" y="18" class="chart-title">\(escape(title))</text>
        <line x1="\(left)" y1="\(top + plotH)" x2="\(left + plotW)" y2="\(top + plotH)" class="chart-axis"/>
        <polyline points="\(plan)" class="chart-plan"/>
        <polyline points="\(done)" class="chart-done"/>
        <text x="\(left)" y="\(top - 4)" class="chart-label">共\(total)项</text>
        <text x="\(left + plotW - 150)" y="\(top - 4)" class="chart-label">— 实际完成　- - 按期限应完成</text>
        """
        let step = max(1, points.count / 6)
        for (i, p) in points.enumerated() where i % step == 0 || i == points.count - 1 {
            svg += "<text x=\"\(x(i))\" y=\"\(top + plotH + 16)\" text-anchor=\"middle\" class=\"chart-label\">\(escape(p.label))</text>"
        }
        return svg + "</svg>"
    }
}
