import ConsoleKit
import Dispatch
import NIOConcurrencyHelpers

/// The progress of a long command, on standard error (standard output carries the result):
/// a ConsoleKit bar with counts, rate and time left when standard error is a terminal; a plain
/// line every `interval` seconds and one at the end when it is not (a CI log, a file); nothing
/// with `--quiet`. Every step is also where Ctrl-C or SIGTERM stops the work
/// (`CommandInterruption`), so a command that shows progress can be stopped between its steps.
final class WorkProgress: Sendable {
    enum Display: Sendable, Equatable { case quiet, bar, lines }

    private struct State {
        var line: ProgressLine
        var started: Double
        var lastLine: Double
        var ended = false
    }

    let display: Display
    private let state: NIOLockedValueBox<State>
    private let output: ProgressOutput
    private let bar: ActivityIndicator<CountingBar>?

    /// The display for a command: none when quiet, the bar when the command runs at a terminal,
    /// plain lines otherwise. A console other than the terminal (a test's) gets lines.
    static func display(quiet: Bool, console: any Console) -> Display {
        if quiet { return .quiet }
        return console is Terminal && StandardErrorConsole.isTerminal ? .bar : .lines
    }

    static func monotonicSeconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Starts counting (and drawing the bar); `ProgressOutput.start` is the usual way in.
    init(_ task: String, unit: ProgressLine.Unit, total: Int64?, output: ProgressOutput) {
        let now = output.clock()
        let line = ProgressLine(task: task, unit: unit, total: total)
        self.display = output.console == nil ? .quiet : output.display
        self.state = NIOLockedValueBox(State(line: line, started: now, lastLine: now))
        self.output = output
        if display == .bar {
            let indicator = CountingBar(line: line, started: Self.monotonicSeconds()).newActivity(for: StandardErrorConsole())
            indicator.start(refreshRate: 100)
            bar = indicator
        } else {
            bar = nil
        }
    }

    /// Sets the total once it is known.
    func setTotal(_ total: Int64?) {
        update { $0.total = total }
    }

    /// One step more (or `count`); throws `CommandInterrupted` once a stop was asked for.
    func advance(by count: Int64 = 1, detail: String? = nil) throws {
        try output.interruption.check()
        update { line in
            line.done += count
            if let detail { line.detail = detail }
        }
    }

    /// Throws once a stop was asked for, between steps that count nothing.
    func checkpoint() throws {
        try output.interruption.check()
    }

    /// The count so far, for work that measures rather than counts (bytes written).
    func set(done: Int64, detail: String? = nil) throws {
        try output.interruption.check()
        update { line in
            line.done = done
            if let detail { line.detail = detail }
        }
    }

    /// The work is done: the bar gives way to the final line, the log gets it.
    func finish() {
        guard let line = end() else { return }
        switch display {
        case .quiet: break
        case .bar:
            bar?.activity.line = line
            bar?.succeed()
        case .lines: output.console?.report(error: line.finished, newLine: true)
        }
    }

    /// The work stopped short (an error, an interruption): the bar says so where it stood.
    func stop() {
        guard let line = end() else { return }
        if display == .bar {
            bar?.activity.line = line
            bar?.fail()
        }
    }

    /// Runs `work`, finishing the display after it or stopping it when it throws.
    func track<T>(_ work: (WorkProgress) async throws -> T) async throws -> T {
        do {
            let result = try await work(self)
            finish()
            return result
        } catch {
            stop()
            throw error
        }
    }

    private func end() -> ProgressLine? {
        let now = output.clock()
        return state.withLockedValue { state -> ProgressLine? in
            guard !state.ended else { return nil }
            state.ended = true
            state.line.elapsed = now - state.started
            return state.line
        }
    }

    private func update(_ change: (inout ProgressLine) -> Void) {
        let now = output.clock()
        let (line, due) = state.withLockedValue { state -> (ProgressLine, Bool) in
            change(&state.line)
            state.line.elapsed = now - state.started
            let due = !state.ended && now - state.lastLine >= output.interval
            if due { state.lastLine = now }
            return (state.line, due)
        }
        switch display {
        case .quiet: break
        case .bar: bar?.activity.line = line
        case .lines: if due { output.console?.report(error: line.running, newLine: true) }
        }
    }
}

/// Where a command's progress goes; each stage of the work starts its own count from it.
struct ProgressOutput: Sendable {
    var display: WorkProgress.Display
    /// Plain lines go to its messages (`report(error:)`: standard error); nil shows nothing.
    var console: (any Console)?
    /// Seconds between plain lines.
    var interval: Double = 5
    /// Seconds on a monotonic clock; tests pass their own.
    var clock: @Sendable () -> Double = WorkProgress.monotonicSeconds
    var interruption: CommandInterruption = .shared

    /// No display: work run outside a command (the server, tests).
    static let none = ProgressOutput(display: .quiet, console: nil)

    /// A command's: nothing with `--quiet`, else the bar at a terminal and lines elsewhere.
    static func command(quiet: Bool, console: any Console) -> ProgressOutput {
        ProgressOutput(display: WorkProgress.display(quiet: quiet, console: console), console: console)
    }

    func start(_ task: String, unit: ProgressLine.Unit, total: Int64? = nil) -> WorkProgress {
        WorkProgress(task, unit: unit, total: total, output: self)
    }
}
