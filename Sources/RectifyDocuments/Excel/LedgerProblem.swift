import Foundation

/// The problem part of ledger rows: written once and merged down across its measures.
public struct LedgerProblem: Sendable, Equatable {
    /// 序号; written as a number when it is all digits.
    public var sequence: String
    public var source: String
    public var category: String
    public var title: String

    public init(sequence: String, source: String, category: String, title: String) {
        self.sequence = sequence
        self.source = source
        self.category = category
        self.title = title
    }
}
