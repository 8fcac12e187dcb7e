import Foundation

/// The inspection round the report answers, from its opening paragraph and signature.
public struct ReportRound: Codable, Sendable, Hashable {
    /// `市委第三巡察组`
    public var inspectingGroup: String?
    /// `市城管局党组`
    public var inspectedBody: String?
    public var onSiteStart: Day?
    public var onSiteEnd: Day?
    public var feedbackDate: Day?
    /// The `截至…` date the progress figures refer to.
    public var statusDate: Day?
    public var publicationDate: Day?
    /// The signature line above the publication date.
    public var issuer: String?
    public var quotes: [String: ReportQuote]

    public init(inspectingGroup: String? = nil, inspectedBody: String? = nil, onSiteStart: Day? = nil,
                onSiteEnd: Day? = nil, feedbackDate: Day? = nil, statusDate: Day? = nil,
                publicationDate: Day? = nil, issuer: String? = nil, quotes: [String: ReportQuote] = [:]) {
        self.inspectingGroup = inspectingGroup
        self.inspectedBody = inspectedBody
        self.onSiteStart = onSiteStart
        self.onSiteEnd = onSiteEnd
        self.feedbackDate = feedbackDate
        self.statusDate = statusDate
        self.publicationDate = publicationDate
        self.issuer = issuer
        self.quotes = quotes
    }
}
