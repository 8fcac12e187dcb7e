import Foundation
@testable import RectifyCore

/// `day("2024-02-09")`; test dates are literals, so a typo should stop the test loudly.
func day(_ iso: String) -> Day {
    guard let value = Day(iso: iso) else { preconditionFailure("bad test date \(iso)") }
    return value
}

/// A fresh folder under the system's temporary directory, removed by `remove()` (call it in a `defer`).
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("rectify-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to a file of this folder and returns its URL.
    func file(named name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
