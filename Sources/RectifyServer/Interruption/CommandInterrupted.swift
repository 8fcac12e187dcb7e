#if canImport(Glibc)
import Glibc
#endif

/// Thrown at a long command's next step after Ctrl-C (SIGINT) or SIGTERM: the work unwinds, its
/// transaction rolls back and its partial files are removed on the way out.
struct CommandInterrupted: Error, CustomStringConvertible {
    let signal: Int32

    /// The shell's convention: 128 + the signal, 130 for Ctrl-C.
    var exitCode: Int32 { 128 + signal }

    var signalName: String { Self.name(signal) }

    static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(signal)"
        }
    }

    var description: String { "interrupted (\(signalName))" }
}
