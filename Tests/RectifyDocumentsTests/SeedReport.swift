import Foundation
@testable import RectifyDocuments

/// Builds public-report content from the seed report at test time (the seed's text is not
/// kept in the package): the problems of its progress section with their measures.
enum SeedReport {
    static let relativePath = "shared/seed/000_4633325596bd120b.txt"

    static let isPresent: Bool = text() != nil

    /// The seed's text, found by walking up from this file.
    static func text(filePath: String = #filePath) -> String? {
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(relativePath)
            if let data = try? Data(contentsOf: candidate) {
                return String(decoding: data, as: UTF8.self)
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// The problems of the seed's progress section: "(N)关于“title”问题" followed by "整改情况:…".
    static func problems(from text: String) -> [PublicReportProblem] {
        let lines = text.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }
        var result: [PublicReportProblem] = []
        for (index, line) in lines.enumerated() where line.hasPrefix("(") && line.contains("关于“") && line.hasSuffix("问题") {
            guard index + 1 < lines.count, lines[index + 1].hasPrefix("整改情况") else { continue }
            guard let open = line.range(of: "关于“"), let close = line.range(of: "”问题", options: .backwards) else { continue }
            let title = String(line[open.upperBound..<close.lowerBound])
            let body = String(lines[index + 1].dropFirst("整改情况".count + 1))
            result.append(PublicReportProblem(title: title, measures: splitMeasures(body)))
        }
        return result
    }

    /// Splits "①…②…" into measures.
    static func splitMeasures(_ body: String) -> [String] {
        var measures: [String] = []
        var current = ""
        for character in body {
            if let scalar = character.unicodeScalars.first, (0x2460...0x2473).contains(scalar.value) {
                if !current.isEmpty { measures.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { measures.append(current) }
        return measures
    }
}
