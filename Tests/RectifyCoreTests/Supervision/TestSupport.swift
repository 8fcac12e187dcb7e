import Foundation
@testable import RectifyCore

/// `day("2024-02-09")`; test dates are literals, so a typo should stop the test loudly.
func day(_ iso: String) -> Day {
    guard let value = Day(iso: iso) else { preconditionFailure("bad test date \(iso)") }
    return value
}

/// Writes `text` to a fresh temporary file and returns its URL.
func temporaryFile(named name: String, _ text: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
}
