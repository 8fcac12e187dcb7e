import Foundation

/// A sentence or phrase exactly as written in the report, with where it stands.
public struct ReportQuote: Codable, Sendable, Hashable {
    public var text: String
    public var location: ReportLocation

    public init(text: String, location: ReportLocation) {
        self.text = text
        self.location = location
    }
}
