import Foundation
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// A command's output file, written under a temporary name beside the final one and renamed into
/// place once whole: a failed or interrupted write never leaves a partial file under the name
/// asked for, and its temporary file is removed (by `CommandInterruption` too when the process has
/// to end at once).
enum PartialFile {
    /// Runs `body` with the temporary path to write, then puts the file in place. With
    /// `replace: false` an existing file is never replaced, even one created meanwhile (link(2)
    /// refuses a name that is taken).
    static func write<T>(to path: String, replace: Bool = true, interruption: CommandInterruption = .shared,
                         _ body: (String) async throws -> T) async throws -> T {
        let temporary = temporaryPath(for: path)
        // A command that writes a file outside `CommandInterruption.run` still gets the handlers:
        // a signal then ends it at once, the temporary file removed.
        interruption.install()
        interruption.register(partialFile: temporary)
        defer {
            remove(temporary)
            interruption.unregister(partialFile: temporary)
        }
        let result = try await body(temporary)
        try place(temporary, at: path, replace: replace)
        return result
    }

    /// Writes `data` to `path` through a temporary file.
    static func write(_ data: Data, to path: String, interruption: CommandInterruption = .shared) throws {
        let temporary = temporaryPath(for: path)
        interruption.install()
        interruption.register(partialFile: temporary)
        defer {
            remove(temporary)
            interruption.unregister(partialFile: temporary)
        }
        try data.write(to: URL(fileURLWithPath: temporary))
        try place(temporary, at: path, replace: true)
    }

    /// Removes a temporary file and the journal SQLite may keep beside it (`VACUUM INTO` writes one).
    static func remove(_ temporary: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(temporary + suffix) }
    }

    /// `.NAME.partial-XXXXXXXX` in the same folder, so the rename stays on one file system.
    static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString.prefix(8))").path
    }

    private static func place(_ temporary: String, at path: String, replace: Bool) throws {
        if replace {
            guard rename(temporary, path) == 0 else { throw CLIError("could not write \(path): \(String(cString: strerror(errno)))") }
        } else {
            guard link(temporary, path) == 0 else {
                if errno == EEXIST { throw CLIError("\(path) already exists; choose a new file") }
                throw CLIError("could not write \(path): \(String(cString: strerror(errno)))")
            }
        }
    }
}
