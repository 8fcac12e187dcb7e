import Foundation
import RectifyCore

/// A Party or government official document (公文) as GB/T 9704-2012 lays it out: title,
/// addressee, body, attachment note, issuer and date.
public struct OfficialDocument: Sendable, Equatable {
    /// The title; split into balanced lines by `TitleLineBreaker` unless `titleLines` is set.
    public var title: String
    /// Explicit title lines, when the caller wants to choose the breaks.
    public var titleLines: [String]?
    /// A line centred under the title, e.g. an issue number "（2024年第5期）" (楷体_GB2312).
    public var subtitle: String?
    /// 主送机关; a full-width colon is added when missing.
    public var addressee: String?
    public var blocks: [DocumentBlock]
    public var attachments: [DocumentAttachment]
    /// 发文机关署名.
    public var issuer: String?
    /// 成文日期.
    public var date: Day?

    public init(title: String, titleLines: [String]? = nil, subtitle: String? = nil, addressee: String? = nil,
                blocks: [DocumentBlock] = [], attachments: [DocumentAttachment] = [],
                issuer: String? = nil, date: Day? = nil) {
        self.title = title
        self.titleLines = titleLines
        self.subtitle = subtitle
        self.addressee = addressee
        self.blocks = blocks
        self.attachments = attachments
        self.issuer = issuer
        self.date = date
    }

    /// The title as printed: the explicit lines, or balanced lines of at most 20 characters
    /// (the 156 mm text width holds 20 characters of 2号 type).
    public var printedTitleLines: [String] {
        if let titleLines, !titleLines.isEmpty { return titleLines }
        return TitleLineBreaker.lines(for: title)
    }

    /// The addressee with its closing full-width colon.
    public var printedAddressee: String? {
        guard let addressee, !addressee.isEmpty else { return nil }
        if addressee.hasSuffix("：") { return addressee }
        if addressee.hasSuffix(":") { return String(addressee.dropLast()) + "：" }
        return addressee + "："
    }
}
