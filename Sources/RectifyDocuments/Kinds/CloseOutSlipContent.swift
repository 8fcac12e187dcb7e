import Foundation
import RectifyCore

/// A 对账销号单 (close-out slip): the record that one problem was verified and closed out.
public struct CloseOutSlipContent: Sendable, Equatable {
    /// The inspection round, e.g. "市委第三巡察组2023年常规巡察".
    public var round: String
    /// The problem's label, e.g. "问题（12）".
    public var problemLabel: String
    public var problemTitle: String
    public var responsibleUnit: String
    public var measures: [CloseOutSlipMeasure]
    public var evidence: [String]
    /// The three stages in order: unit self-check, office review, leader sign-off.
    public var stages: [CloseOutSlipStage]
    public var issuer: String
    public var date: Day

    public init(round: String, problemLabel: String, problemTitle: String, responsibleUnit: String,
                measures: [CloseOutSlipMeasure], evidence: [String], stages: [CloseOutSlipStage],
                issuer: String, date: Day) {
        self.round = round
        self.problemLabel = problemLabel
        self.problemTitle = problemTitle
        self.responsibleUnit = responsibleUnit
        self.measures = measures
        self.evidence = evidence
        self.stages = stages
        self.issuer = issuer
        self.date = date
    }

    public func makeDocument() -> OfficialDocument {
        let measureText = measures.enumerated().map { index, measure in
            "\(ChineseOrdinal.circled(index + 1))\(measure.text)（\(measure.completion)）"
        }.joined(separator: "\n")
        let evidenceText = evidence.enumerated().map { "\($0.offset + 1).\($0.element)" }.joined(separator: "\n")
        var rows: [[String]] = [
            ["巡察轮次", round],
            ["问题编号", problemLabel],
            ["具体问题", problemTitle],
            ["责任单位", responsibleUnit],
            ["整改措施及完成情况", measureText],
            ["佐证材料", evidenceText],
        ]
        rows += stages.map { [$0.label, $0.cellText] }
        let table = DocumentTable(header: [], rows: rows, columnWidths: [24, 76])
        return OfficialDocument(title: "巡察整改问题对账销号单", blocks: [.table(table)], issuer: issuer, date: date)
    }
}
