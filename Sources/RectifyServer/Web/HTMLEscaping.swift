import LeafKit

extension String {
    /// Text as Leaf writes `#( )`, without rebuilding text that holds nothing to escape (nearly every
    /// label and name): LeafKit's `htmlEscaped()` builds a new string scalar by scalar, which made a
    /// quarter of the CPU of a supervisor's board when its round selector was first written in Swift.
    var escapedForHTML: String {
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return self }
        return htmlEscaped()
    }
}
