import Foundation

/// One ledger row as read back: the problem (filled down from merged cells) and one measure.
public struct LedgerRow: Sendable, Equatable {
    public var problem: LedgerProblem
    public var measure: LedgerMeasure

    public init(problem: LedgerProblem, measure: LedgerMeasure) {
        self.problem = problem
        self.measure = measure
    }
}
