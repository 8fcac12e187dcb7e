import Foundation

/// Problems of a body or a round found again: confirmed by the supervisor, and suggested still to decide.
struct RepeatCounts: Sendable {
    var confirmed = 0
    var suggested = 0

    /// As a table cell shows it: "2（待认定1）", or "—" for none.
    var text: String {
        if confirmed == 0 && suggested == 0 { return "—" }
        return suggested > 0 ? "\(confirmed)（待认定\(suggested)）" : "\(confirmed)"
    }
}
