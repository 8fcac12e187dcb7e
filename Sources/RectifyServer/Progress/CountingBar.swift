import ConsoleKit

/// ConsoleKit's bar with the counts beside it: ConsoleKit's own `ProgressBar` shows only the
/// share, and a long command also owes the counts, the rate and the time left.
///
///     generate [=========                ] 12/50 bodies (24%), 1.5/s, about 25 s left; 98000 rows
///
/// Without a total a short segment runs back and forth instead of filling up.
struct CountingBar: ActivityBar {
    var line: ProgressLine
    /// When the work started, on `WorkProgress.monotonicSeconds()`: the rate and the time left are
    /// worked out at each frame, so they keep moving while one long step runs.
    var started: Double

    var title: String { line.task }

    func renderActiveBar(tick: UInt, width: Int) -> ConsoleText {
        var line = line
        line.elapsed = WorkProgress.monotonicSeconds() - started
        let width = max(width, 4)
        var cells = Array(repeating: Character(" "), count: width)
        if let fraction = line.fraction {
            for index in 0..<Int(fraction * Double(width)) { cells[index] = "=" }
        } else {
            let span = width - 3
            let position = Int(tick / 2) % (2 * span)
            let start = position < span ? position : 2 * span - position
            for index in start..<(start + 3) { cells[index] = "=" }
        }
        let running = line.running
        let counts = running.dropFirst(line.task.count + 2)
        return "[\(String(cells))]".consoleText(.info) + " \(counts)".consoleText(.plain)
    }

    /// The finished and stopped states keep the counts on the line, where ConsoleKit's bars
    /// print only "[Done]" or "[Failed]".
    func outputActivityIndicator(to console: any Console, state: ActivityIndicatorState) {
        switch state {
        case .ready:
            console.output(line.running.consoleText(.plain))
        case .active(let tick):
            console.output(title.consoleText(.plain) + " " + renderActiveBar(tick: tick, width: console.activityBarWidth))
        case .success:
            console.output(line.finished.consoleText(.plain))
        case .failure:
            console.output((line.running + " – stopped").consoleText(.warning))
        }
    }
}
