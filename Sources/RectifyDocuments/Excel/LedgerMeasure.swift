import Foundation
import RectifyCore

/// One measure: one row of the ledger.
public struct LedgerMeasure: Sendable, Equatable {
    public var text: String
    public var leader: String
    public var leadUnit: String
    public var supportingUnits: String
    public var deadline: Day?
    /// The deadline as written when it is not a plain date: "长期坚持", "2024年6月底前" (whose
    /// `deadline` is then the month's last day). The writer prefers it to the date cell.
    public var deadlineNote: String
    public var completion: String
    public var evidence: String
    /// The measure's kind as written (立行立改, 限期整改, 长期坚持); empty when the ledger has no such column.
    public var kind: String

    public init(text: String, leader: String, leadUnit: String, supportingUnits: String = "", deadline: Day?,
                deadlineNote: String = "", completion: String = "", evidence: String = "", kind: String = "") {
        self.text = text
        self.leader = leader
        self.leadUnit = leadUnit
        self.supportingUnits = supportingUnits
        self.deadline = deadline
        self.deadlineNote = deadlineNote
        self.completion = completion
        self.evidence = evidence
        self.kind = kind
    }
}
