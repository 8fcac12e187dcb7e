import Foundation

/// A problem with its category and aspect, and the measures that rectify it.
public struct ListsProblem: Sendable, Equatable {
    public var category: String
    public var aspect: String
    public var title: String
    public var measures: [ListsMeasure]

    public init(category: String, aspect: String = "", title: String, measures: [ListsMeasure]) {
        self.category = category
        self.aspect = aspect
        self.title = title
        self.measures = measures
    }
}
