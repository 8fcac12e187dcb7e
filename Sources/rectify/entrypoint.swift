import Logging
import RectifyServer
import Vapor

@main
enum Entrypoint {
    static func main() async {
        var env: Environment
        do {
            env = try Environment.detect()
        } catch {
            FileHandle.standardError.write(Data("rectify: \(error)\n".utf8))
            exit(2)
        }
        do {
            try LoggingSystem.bootstrap(from: &env)
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
            try await app.execute()
        } catch {
            FileHandle.standardError.write(Data("rectify: \(String(describing: error))\n".utf8))
            try? await app.asyncShutdown()
            exit(1)
        }
        try? await app.asyncShutdown()
    }
}
