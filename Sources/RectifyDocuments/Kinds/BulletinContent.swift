import Foundation
import RectifyCore

/// A progress bulletin (整改进展通报) whose paragraphs the caller has already written. Lines
/// starting "一、" become first-level headings and "（一）"/"(一)" second-level headings.
public struct BulletinContent: Sendable, Equatable {
    public var title: String
    /// E.g. "第12期", set under the title.
    public var issueNumber: String?
    public var addressee: String?
    public var paragraphs: [String]
    public var issuer: String
    public var date: Day

    public init(title: String, issueNumber: String? = nil, addressee: String? = nil, paragraphs: [String], issuer: String, date: Day) {
        self.title = title
        self.issueNumber = issueNumber
        self.addressee = addressee
        self.paragraphs = paragraphs
        self.issuer = issuer
        self.date = date
    }

    public func makeDocument() -> OfficialDocument {
        let blocks = paragraphs
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
            .map(Self.block)
        return OfficialDocument(title: title, subtitle: issueNumber.map { "（\($0)）" }, addressee: addressee,
                                blocks: blocks, issuer: issuer, date: date)
    }

    private static let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// Detects the heading level from the line's prefix.
    static func block(for line: String) -> DocumentBlock {
        let characters = Array(line)
        var index = 0
        while index < characters.count, numerals.contains(characters[index]) { index += 1 }
        if index > 0, index < characters.count, characters[index] == "、" {
            return .heading1(line)
        }
        if let first = characters.first, first == "（" || first == "(" {
            var end = 1
            while end < characters.count, numerals.contains(characters[end]) { end += 1 }
            if end > 1, end < characters.count, characters[end] == "）" || characters[end] == ")" {
                let rest = String(characters[(end + 1)...])
                return .heading2("（" + String(characters[1..<end]) + "）" + rest)
            }
        }
        return .paragraph(line)
    }
}
