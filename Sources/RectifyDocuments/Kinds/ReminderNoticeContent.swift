import Foundation
import RectifyCore

/// A 巡察整改工作提示 (reminder notice) sent to a responsible leader or unit about items
/// behind schedule or overdue.
public struct ReminderNoticeContent: Sendable, Equatable {
    /// Issue number, e.g. "2024年第5期".
    public var number: String
    public var title: String
    /// The addressee line (主送), e.g. "局党组成员、副局长李某某".
    public var addressee: String
    /// Copies to (抄送), written under the table.
    public var copiedTo: [String]
    public var paragraphs: [String]
    public var items: [ReminderNoticeItem]
    /// The reply is due on this day.
    public var replyDue: Day?
    /// To whom the reply goes, e.g. "局巡察整改办".
    public var replyTo: String
    public var issuer: String
    public var date: Day

    public init(number: String, title: String = "巡察整改工作提示", addressee: String, copiedTo: [String] = [],
                paragraphs: [String], items: [ReminderNoticeItem], replyDue: Day?, replyTo: String = "局巡察整改办",
                issuer: String, date: Day) {
        self.number = number
        self.title = title
        self.addressee = addressee
        self.copiedTo = copiedTo
        self.paragraphs = paragraphs
        self.items = items
        self.replyDue = replyDue
        self.replyTo = replyTo
        self.issuer = issuer
        self.date = date
    }

    public static let tableHeader = ["序号", "问题", "整改措施", "牵头单位", "整改期限", "超期情况"]

    public func makeDocument() -> OfficialDocument {
        var blocks: [DocumentBlock] = paragraphs.map { .paragraph($0) }
        let rows = items.enumerated().map { index, item in
            [String(index + 1), item.problem, item.measure, item.leadUnit, item.deadline?.chinese ?? "", item.overdue]
        }
        if !rows.isEmpty {
            blocks.append(.table(DocumentTable(header: Self.tableHeader, rows: rows, columnWidths: [5, 21, 28, 13, 18, 15])))
        }
        if let replyDue {
            blocks.append(.paragraph("请于\(replyDue.chinese)前将整改进展情况及佐证材料书面反馈\(replyTo)。"))
        }
        if !copiedTo.isEmpty {
            blocks.append(.paragraph("抄送：" + copiedTo.joined(separator: "，") + "。"))
        }
        return OfficialDocument(title: title, subtitle: "（\(number)）", addressee: addressee, blocks: blocks,
                                issuer: issuer, date: date)
    }
}
