import ConsoleKit
@preconcurrency import Dispatch
import Foundation
import NIOConcurrencyHelpers
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) and SIGTERM during a long command (generate, imports, documents, backup,
/// restore, audit verify, tick; never `serve`, which stops on its own terms).
///
/// The first signal asks the work to stop: its next step (`check()`, called by `WorkProgress`)
/// throws `CommandInterrupted`, the transaction in progress rolls back, partial files are removed,
/// and the command says what was kept and exits 128 + the signal (130 for Ctrl-C). Work that does not
/// reach a step within the command's grace period (one long SQL statement), and a second signal,
/// end the process at once: the partial files registered here are removed first, and the database
/// discards a transaction that never committed, as it does after a crash.
final class CommandInterruption: Sendable {
    static let shared = CommandInterruption()

    private struct State {
        var installed = false
        var running = 0
        var signal: Int32?
        var grace: Double = 3
        var partialFiles: Set<String> = []
    }

    private let state = NIOLockedValueBox(State())
    private let sources = NIOLockedValueBox<[any DispatchSourceSignal]>([])

    /// The signal received, if any.
    var signal: Int32? { state.withLockedValue { $0.signal } }

    /// Throws once a stop was asked for.
    func check() throws {
        if let signal { throw CommandInterrupted(signal: signal) }
    }

    /// Asks the work to stop at its next step; true for the first request.
    @discardableResult
    func requestStop(_ signal: Int32) -> Bool {
        state.withLockedValue { state in
            guard state.signal == nil else { return false }
            state.signal = signal
            return true
        }
    }

    /// A file being written under a temporary name: removed if the process has to end at once.
    func register(partialFile path: String) {
        state.withLockedValue { _ = $0.partialFiles.insert(path) }
    }

    func unregister(partialFile path: String) {
        state.withLockedValue { _ = $0.partialFiles.remove(path) }
    }

    /// Runs a command's work under the signal handlers. On a stop, `stopped` says what was kept
    /// (e.g. "nothing imported"), printed after "interrupted (SIGINT): ", and the command ends
    /// with `CommandExit(130)` (143 for SIGTERM). `grace` is how long a stop may wait for the next
    /// step; 0 for work whose only writes are partial files (backup), which then ends at once.
    func run<T>(console: any Console, grace: Double = 3, stopped: @Sendable () -> String,
                _ work: () async throws -> T) async throws -> T {
        install()
        state.withLockedValue { state in
            state.running += 1
            state.grace = grace
        }
        defer { state.withLockedValue { $0.running -= 1 } }
        do {
            return try await work()
        } catch {
            guard let signal else { throw error }
            console.message("interrupted (\(CommandInterrupted.name(signal))): \(stopped())")
            throw CommandExit(code: CommandInterrupted(signal: signal).exitCode)
        }
    }

    /// Installs the handlers once; `run` and `PartialFile` call it. With no work running under
    /// `run`, a signal ends the process at once, its partial files removed.
    func install() {
        let first = state.withLockedValue { state in
            defer { state.installed = true }
            return !state.installed
        }
        guard first else { return }
        for number in [SIGINT, SIGTERM] {
            // The default action would end the process before the work could unwind.
            ignore(number)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in received(number) }
            source.resume()
            sources.withLockedValue { $0.append(source) }
        }
    }

    private func received(_ signal: Int32) {
        let first = requestStop(signal)
        let (running, grace) = state.withLockedValue { ($0.running, $0.grace) }
        if !first || running == 0 || grace <= 0 {
            endNow(signal)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) { [self] in endNow(signal) }
    }

    private func ignore(_ number: Int32) {
        #if canImport(Darwin)
        _ = Darwin.signal(number, SIG_IGN)
        #else
        _ = Glibc.signal(number, SIG_IGN)
        #endif
    }

    /// Ends the process without unwinding: partial files removed, nothing else to clean up.
    private func endNow(_ signal: Int32) -> Never {
        let files = state.withLockedValue { $0.partialFiles }
        for path in files { PartialFile.remove(path) }
        FileHandle.standardError.write(Data("rectify: interrupted (\(CommandInterrupted.name(signal))); stopped at once: partial files removed, work not committed is discarded by the database\n".utf8))
        _exit(CommandInterrupted(signal: signal).exitCode)
    }
}
