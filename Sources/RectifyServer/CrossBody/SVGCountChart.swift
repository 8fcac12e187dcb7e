import Foundation

/// Horizontal bars of counts drawn as inline SVG, longest first as given: the common problems
/// found in most bodies, for reading at a glance.
enum SVGCountChart {
    struct Bar {
        let label: String
        let value: Int
        /// Written beside the bar after the figure, e.g. "（超期20%）".
        let note: String
    }

    static func bars(title: String, unit: String, bars: [Bar]) -> String {
        guard let top = bars.map(\.value).max(), top > 0 else { return "" }
        let rowHeight = 28, labelWidth = 260, barWidth = 280, height = bars.count * rowHeight + 36
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(labelWidth + barWidth + 150) \(height)" role="img" aria-label="\(SVGChart.escape(title))">
        <title>\(SVGChart.escape(title))</title>
        <text x="0" y="18" class="chart-title">\(SVGChart.escape(title))</text>
        """
        for (index, bar) in bars.enumerated() {
            let y = 30 + index * rowHeight
            let width = max(2, bar.value * barWidth / top)
            let label = bar.label.count > 18 ? String(bar.label.prefix(17)) + "…" : bar.label
            svg += """
            <g><title>\(SVGChart.escape(bar.label))：\(bar.value)\(unit)\(SVGChart.escape(bar.note))</title>
            <text x="\(labelWidth - 8)" y="\(y + 17)" text-anchor="end" class="chart-label">\(SVGChart.escape(label))</text>
            <rect x="\(labelWidth)" y="\(y + 4)" width="\(width)" height="18" class="chart-bar"/>
            <text x="\(labelWidth + width + 8)" y="\(y + 17)" class="chart-value">\(bar.value)\(unit)\(SVGChart.escape(bar.note))</text></g>
            """
        }
        return svg + "</svg>"
    }
}
