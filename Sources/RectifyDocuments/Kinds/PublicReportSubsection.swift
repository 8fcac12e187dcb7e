import Foundation

/// A （一）-level subsection given as ready paragraphs, e.g. "党组履行巡察整改主体责任情况".
public struct PublicReportSubsection: Sendable, Equatable {
    public var heading: String
    public var paragraphs: [String]

    public init(heading: String, paragraphs: [String]) {
        self.heading = heading
        self.paragraphs = paragraphs
    }
}
