import Foundation

/// What the report's summary paragraphs claim, read from the lines outside the problems.
public struct ReportClaims: Codable, Sendable, Hashable {
    /// `四类`
    public var categories: ReportClaimedValue?
    /// `12方面`
    public var aspects: ReportClaimedValue?
    /// Counts per source, in the order the summary gives them.
    public var bySource: [ReportSourceClaim]
    /// `细化整改措施122条`
    public var measuresPlanned: ReportClaimedValue?
    /// `制度文件25项`
    public var regulations: ReportClaimedValue?
    /// `内部问责23人`
    public var accountabilityTotal: ReportClaimedValue?
    /// `(其中:科级15人、一般干部8人)`
    public var accountabilityByRank: [ReportRankCount]
    /// `诫勉谈话2人、批评教育5人、党纪处分0人`: each form with its count, in the order written.
    public var accountabilityByForm: [ReportFormCount] = []
    /// `局党组4次听取…汇报`, `7次主持召开党组会…`
    public var meetings: [ReportClaimedValue]
    /// `追回…万元`, converted to yuan in `value`.
    public var moneyRecovered: [ReportClaimedValue]

    public init(categories: ReportClaimedValue? = nil, aspects: ReportClaimedValue? = nil,
                bySource: [ReportSourceClaim] = [], measuresPlanned: ReportClaimedValue? = nil,
                regulations: ReportClaimedValue? = nil, accountabilityTotal: ReportClaimedValue? = nil,
                accountabilityByRank: [ReportRankCount] = [], meetings: [ReportClaimedValue] = [],
                moneyRecovered: [ReportClaimedValue] = []) {
        self.categories = categories
        self.aspects = aspects
        self.bySource = bySource
        self.measuresPlanned = measuresPlanned
        self.regulations = regulations
        self.accountabilityTotal = accountabilityTotal
        self.accountabilityByRank = accountabilityByRank
        self.meetings = meetings
        self.moneyRecovered = moneyRecovered
    }

    private enum CodingKeys: String, CodingKey {
        case categories, aspects, bySource, measuresPlanned, regulations, accountabilityTotal, accountabilityByRank,
             accountabilityByForm, meetings, moneyRecovered
    }

    /// Claims stored with a round before a field existed decode with it empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(categories: try c.decodeIfPresent(ReportClaimedValue.self, forKey: .categories),
                  aspects: try c.decodeIfPresent(ReportClaimedValue.self, forKey: .aspects),
                  bySource: try c.decodeIfPresent([ReportSourceClaim].self, forKey: .bySource) ?? [],
                  measuresPlanned: try c.decodeIfPresent(ReportClaimedValue.self, forKey: .measuresPlanned),
                  regulations: try c.decodeIfPresent(ReportClaimedValue.self, forKey: .regulations),
                  accountabilityTotal: try c.decodeIfPresent(ReportClaimedValue.self, forKey: .accountabilityTotal),
                  accountabilityByRank: try c.decodeIfPresent([ReportRankCount].self, forKey: .accountabilityByRank) ?? [],
                  meetings: try c.decodeIfPresent([ReportClaimedValue].self, forKey: .meetings) ?? [],
                  moneyRecovered: try c.decodeIfPresent([ReportClaimedValue].self, forKey: .moneyRecovered) ?? [])
        accountabilityByForm = try c.decodeIfPresent([ReportFormCount].self, forKey: .accountabilityByForm) ?? []
    }

    public func claim(for source: ReportSource) -> ReportSourceClaim? {
        bySource.first { $0.source == source }
    }

    /// The inspection-feedback figures, which the summary states first.
    public var problems: ReportClaimedValue? { claim(for: .inspectionFeedback)?.problems }
    public var completed: ReportClaimedValue? { claim(for: .inspectionFeedback)?.completed }
    public var completionRate: ReportClaimedValue? { claim(for: .inspectionFeedback)?.completionRate }
}
