/// One group in a breakdown: a source, category, aspect, unit or leader, with its figures.
public struct StatisticsBreakdownRow: Codable, Hashable, Sendable {
    /// The group's name as entered (or the source's label); for items missing the value, a
    /// placeholder such as `未分类`, with `isUnassigned` set so it is never mistaken for a real name.
    public var label: String
    /// The enclosing group: the category for an aspect row, `nil` otherwise.
    public var parentLabel: String?
    public var isUnassigned: Bool
    public var figures: CompletionFigures

    public init(label: String, parentLabel: String? = nil, isUnassigned: Bool = false,
                figures: CompletionFigures = CompletionFigures()) {
        self.label = label
        self.parentLabel = parentLabel
        self.isUnassigned = isUnassigned
        self.figures = figures
    }
}
