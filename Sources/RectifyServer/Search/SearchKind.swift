import RectifyCore

/// The kinds of rows full-text search finds, in the order a search lists them after relevance.
enum SearchKind: String, CaseIterable, Codable, Sendable {
    case problem
    case measure
    case regulation
    case meeting
    case accountabilityRecord = "accountability_record"
    case recoveredFund = "recovered_fund"
    case closeOutRecord = "close_out_record"
    case progressReport = "progress_report"
    case evidenceFile = "evidence_file"

    var label: String {
        switch self {
        case .problem: "问题"
        case .measure: "整改措施"
        case .regulation: "建章立制"
        case .meeting: "会议"
        case .accountabilityRecord: "问责"
        case .recoveredFund: "追回资金"
        case .closeOutRecord: "销号意见"
        case .progressReport: "进展报告"
        case .evidenceFile: "佐证材料"
        }
    }

    /// Who reads rows of the kind through its own API: a search shows nobody a kind they could not open.
    var readAccess: Set<Role> {
        switch self {
        case .problem: ProblemResource.readAccess
        case .measure: MeasureResource.readAccess
        case .regulation: RegulationResource.readAccess
        case .meeting: MeetingResource.readAccess
        case .accountabilityRecord: AccountabilityRecordResource.readAccess
        case .recoveredFund: RecoveredFundResource.readAccess
        case .closeOutRecord: CloseOutRecordResource.readAccess
        case .progressReport: ProgressReportResource.readAccess
        case .evidenceFile: EvidenceController.readAccess
        }
    }

    /// The ids of the kind's entries (`CreateSearchEntries`: the kind in the high bits).
    var ids: ClosedRange<Int64> {
        guard let source = CreateSearchEntries.sources.first(where: { $0.kind == rawValue }) else {
            preconditionFailure("search kind \(rawValue) has no source in CreateSearchEntries")
        }
        let base = CreateSearchEntries.base(source)
        return base...(base + CreateSearchEntries.kindSpan - 1)
    }
}
