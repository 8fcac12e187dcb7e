import Foundation

/// One block of an official document's body.
public enum DocumentBlock: Sendable, Equatable {
    /// 一、… in 黑体.
    case heading1(String)
    /// （一）… in 楷体_GB2312.
    case heading2(String)
    /// 1. … in 仿宋_GB2312 (on its own line).
    case heading3(String)
    /// （1）… in 仿宋_GB2312 (on its own line).
    case heading4(String)
    /// A body paragraph: 3号仿宋_GB2312, first line indented two characters.
    case paragraph(String)
    /// A third- or fourth-level heading that runs into its paragraph: "（1）关于“…”问题" followed
    /// by the text in the same paragraph.
    case leadParagraph(lead: String, text: String)
    case table(DocumentTable)
    case pageBreak

    /// A heading followed by text in the same paragraph.
    public static func paragraph(lead: String, text: String) -> DocumentBlock {
        .leadParagraph(lead: lead, text: text)
    }

    public static func table(header: [String], rows: [[String]], columnWidths: [Int]? = nil, landscape: Bool = false) -> DocumentBlock {
        .table(DocumentTable(header: header, rows: rows, columnWidths: columnWidths, landscape: landscape))
    }
}
