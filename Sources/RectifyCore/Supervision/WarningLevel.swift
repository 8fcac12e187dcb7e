/// The state shown on the board for an item. The three colours grade deadline pressure; the other
/// states are for items the colours do not apply to. Each has a word label because colour is
/// never the only signal (colour-blind readers, black-and-white printouts).
public enum WarningLevel: String, Codable, CaseIterable, Sendable {
    case green = "green"
    case yellow = "yellow"
    case red = "red"
    /// Awaiting verification and sign-off; the unit has nothing left to do.
    case pendingCloseOut = "pending_close_out"
    /// 长期坚持 without a deadline: tracked, but under no deadline pressure.
    case longTerm = "long_term"
    /// 已销号.
    case closed = "closed"

    /// Colour name, for the colour states only.
    public var colourName: String? {
        switch self {
        case .green: "绿色"
        case .yellow: "黄色"
        case .red: "红色"
        case .pendingCloseOut, .longTerm, .closed: nil
        }
    }

    /// What the state means, in words.
    public var word: String {
        switch self {
        case .green: "正常"
        case .yellow: "预警"
        case .red: "超期"
        case .pendingCloseOut: "销号审核中"
        case .longTerm: "长期坚持"
        case .closed: "已销号"
        }
    }

    /// `红色（超期）`, or the word alone for states without a colour.
    public var label: String {
        colourName.map { "\($0)（\(word)）" } ?? word
    }

    /// Higher is more urgent; for sorting the board.
    public var urgency: Int {
        switch self {
        case .red: 5
        case .yellow: 4
        case .green: 3
        case .pendingCloseOut: 2
        case .longTerm: 1
        case .closed: 0
        }
    }
}
