import Foundation

/// The file formats the reader accepts.
public enum ReportFormat: String, Codable, Sendable, CaseIterable {
    case text
    case docx
    case html

    /// Guesses from a file name's extension; nil when it says nothing.
    public init?(fileName: String) {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "txt", "text", "md": self = .text
        case "docx": self = .docx
        case "html", "htm", "xhtml", "shtml": self = .html
        default: return nil
        }
    }

    /// Guesses from the bytes: a ZIP header means .docx, markup at the start means HTML.
    public init(sniffing data: Data) {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            self = .docx
            return
        }
        let head = String(decoding: data.prefix(512), as: UTF8.self).lowercased()
        let trimmed = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") || trimmed.hasPrefix("<?xml")
            || head.contains("<body") || head.contains("<head") {
            self = .html
        } else {
            self = .text
        }
    }
}
