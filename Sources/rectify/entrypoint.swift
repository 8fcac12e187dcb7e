import Logging
import NIOCore
import NIOPosix
import RectifyServer
import Vapor

@main
enum Entrypoint {
    static func main() async {
        // Async code runs on NIO's event loops instead of hopping to Swift's own threads and back at
        // every database call: on two cores that hop was a tenth of a write's time under the ledger
        // lock (BENCHMARKS.md). Installed before anything async runs. Nothing waits on a lock or a
        // future here; CPU work such as writing a document holds its event loop while it runs.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        var env: Environment
        do {
            env = try Environment.detect()
        } catch {
            FileHandle.standardError.write(Data("rectify: \(error)\n".utf8))
            exit(2)
        }
        do {
            // Logs go to standard error: standard output carries only what a command prints, so that
            // `--format json|csv` output can be piped into a parser.
            // `LOG_FORMAT=json` writes one JSON object per line; secrets are removed in either format.
            let format = try AppConfig.logFormat(from: ProcessInfo.processInfo.environment)
            try LoggingSystem.bootstrap(from: &env) { level in
                { label in RectifyLogHandler(label: label, level: level, format: format) }
            }
        } catch {
            FileHandle.standardError.write(Data("rectify: \(error)\n".utf8))
            exit(2)
        }
        let app: Application
        do {
            app = try await Application.make(env)
        } catch {
            FileHandle.standardError.write(Data("rectify: \(error)\n".utf8))
            exit(2)
        }
        do {
            try await configure(app)
            // What `app.execute()` does, without its log line for a failed command: the error is
            // printed once, below, as the one message the user sees.
            try await app.startup()
            try await app.running?.onStop.get()
        } catch let status as CommandExit {
            try? await app.asyncShutdown()
            exit(status.code)
        } catch {
            FileHandle.standardError.write(Data("rectify: \(String(describing: error))\n".utf8))
            try? await app.asyncShutdown()
            exit(1)
        }
        try? await app.asyncShutdown()
    }
}
