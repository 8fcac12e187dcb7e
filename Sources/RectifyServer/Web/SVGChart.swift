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
}
