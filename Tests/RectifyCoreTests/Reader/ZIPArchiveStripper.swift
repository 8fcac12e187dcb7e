import Foundation
import ZIPFoundation

/// Rewrites a ZIP without one member, to test archives that lack a required part.
enum ZIPArchiveStripper {
    static func removing(_ path: String, from data: Data) throws -> Data {
        let archive = try Archive(data: data, accessMode: .update)
        guard let entry = archive[path] else { return data }
        try archive.remove(entry)
        guard let result = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return result
    }
}
