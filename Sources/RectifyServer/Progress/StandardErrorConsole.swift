import ConsoleKit
import Foundation
import NIOConcurrencyHelpers
#if canImport(Glibc)
import Glibc
#endif

/// A ConsoleKit console on standard error, for the progress bar. ConsoleKit's `Terminal` draws on
/// standard output, which carries a command's result (`--format json|csv`) and must stay clean.
final class StandardErrorConsole: Console, Sendable {
    private let info = NIOLockedValueBox<[AnySendableHashable: any Sendable]>([:])

    var userInfo: [AnySendableHashable: any Sendable] {
        get { info.withLockedValue { $0 } }
        set { info.withLockedValue { $0 = newValue } }
    }

    /// Whether standard error is a terminal that takes cursor commands.
    static var isTerminal: Bool {
        isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    var supportsANSICommands: Bool { Self.isTerminal }

    var size: (width: Int, height: Int) {
        var window = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &window) == 0 else { return (80, 24) }
        return (Int(window.ws_col), Int(window.ws_row))
    }

    func input(isSecure: Bool) -> String { "" }

    func output(_ text: ConsoleText, newLine: Bool) {
        // Lines the text takes, wrapped ones included, so that the bar's next frame clears them all.
        let width = size.width
        var lines = newLine ? 1 : 0
        for line in text.description.split(separator: "\n", omittingEmptySubsequences: false) {
            if width > 0, line.count > width { lines += line.count / width }
        }
        lines += text.description.filter { $0 == "\n" }.count
        didOutputLines(count: lines)
        write(text.description + (newLine ? "\n" : ""))
    }

    func clear(_ type: ConsoleClear) {
        switch type {
        case .line: write("\u{1B}[1A\u{1B}[2K")
        case .screen: write("\u{1B}[2J")
        }
    }

    func report(error: String, newLine: Bool) {
        write(error + (newLine ? "\n" : ""))
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
