import Foundation

/// What a long command says about its progress: the counts, the share done, the rate and the time
/// left, e.g. `generate: 12/50 bodies (24%), 1.5/s, about 25 s left; 98000 rows`. The same words
/// go into the terminal's bar and into the plain lines of a log.
struct ProgressLine: Sendable, Equatable {
    enum Unit: Sendable, Equatable {
        /// Things counted one by one, named in the plural ("bodies", "files").
        case items(String)
        /// Bytes, shown in megabytes.
        case bytes
    }

    var task: String
    var unit: Unit
    var done: Int64 = 0
    var total: Int64?
    /// Seconds since the work started.
    var elapsed: Double = 0
    /// A further count the caller keeps, such as the rows written so far.
    var detail: String?

    /// While the work goes on: `task: counts (share), rate, about T left; detail`.
    var running: String {
        var parts = [counts]
        if let rate { parts.append(Self.rate(rate, unit)) }
        if let left = secondsLeft { parts.append("about \(Self.duration(left)) left") }
        return "\(task): " + parts.joined(separator: ", ") + (detail.map { "; \($0)" } ?? "")
    }

    /// When the work has ended: `task: counts (share) in T (rate); detail`.
    var finished: String {
        "\(task): \(counts) in \(Self.duration(elapsed))" + (rate.map { " (\(Self.rate($0, unit)))" } ?? "")
            + (detail.map { "; \($0)" } ?? "")
    }

    /// `12/50 bodies (24%)`, or `12 bodies` when the total is not known.
    var counts: String {
        guard let total else { return Self.amount(done, unit) }
        let share = total > 0 ? min(100, done * 100 / total) : 100
        switch unit {
        case .items(let name): return "\(done)/\(total) \(name) (\(share)%)"
        case .bytes: return "\(Self.megabytes(done))/\(Self.megabytes(total)) MB (\(share)%)"
        }
    }

    /// Work done per second so far; none before the first step.
    var rate: Double? {
        guard done > 0, elapsed >= 0.001 else { return nil }
        return Double(done) / elapsed
    }

    /// The rest at the rate so far; none without a total or a rate.
    var secondsLeft: Double? {
        guard let total, let rate, total > done else { return nil }
        return Double(total - done) / rate
    }

    /// The share done, 0…1, for the bar.
    var fraction: Double? {
        guard let total else { return nil }
        return total > 0 ? min(1, Double(done) / Double(total)) : 1
    }

    static func amount(_ value: Int64, _ unit: Unit) -> String {
        switch unit {
        case .items(let name): "\(value) \(name)"
        case .bytes: "\(megabytes(value)) MB"
        }
    }

    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f", Double(bytes) / 1_048_576)
    }

    /// `3100/s`, `1.5/s`, `45.2 MB/s`.
    static func rate(_ perSecond: Double, _ unit: Unit) -> String {
        switch unit {
        case .items: perSecond >= 10 ? "\(Int(perSecond.rounded()))/s" : String(format: "%.1f/s", perSecond)
        case .bytes: String(format: "%.1f MB/s", perSecond / 1_048_576)
        }
    }

    /// `12 s`, `4 min 5 s`, `1 h 20 min`, rounded up to the second.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(max(0, seconds).rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return whole % 60 == 0 ? "\(whole / 60) min" : "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
