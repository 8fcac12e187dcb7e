/// How a measure is meant to be carried out; it changes how deadlines are supervised.
public enum MeasureKind: String, Codable, CaseIterable, Sendable {
    /// 立行立改: done at once, usually within days of the feedback.
    case immediate = "immediate"
    /// 限期整改: done by a deadline.
    case timeBound = "time_bound"
    /// 长期坚持: a standing practice; tracked after close-out, without deadline pressure.
    case longTerm = "long_term"

    public var label: String {
        switch self {
        case .immediate: "立行立改"
        case .timeBound: "限期整改"
        case .longTerm: "长期坚持"
        }
    }
}
