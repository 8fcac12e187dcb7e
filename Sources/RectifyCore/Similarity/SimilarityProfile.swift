import Foundation

/// A problem's wording as trigram profiles, computed once and compared many times: the title alone,
/// and the title with the description when there is one. Profiles are sorted arrays, so comparing
/// two is a merge without hashing.
public struct SimilarityProfile: Sendable {
    let title: [UInt64]
    /// Title and description together; empty when the problem has no description.
    let full: [UInt64]

    public init(title: String, description: String?) {
        self.title = TrigramSimilarity.profile(title).sorted()
        let details = description?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        full = details.isEmpty ? [] : TrigramSimilarity.profile(title + "\n" + details).sorted()
    }

    /// The closer of the two readings: titles alike, or titles with descriptions alike. A finding
    /// worded alike in its title is the same finding whatever the details say, and two generic
    /// titles count as alike when their descriptions make them so.
    public func similarity(to other: SimilarityProfile) -> Double {
        let byTitle = Self.jaccard(title, other.title)
        guard !full.isEmpty, !other.full.isEmpty else { return byTitle }
        return max(byTitle, Self.jaccard(full, other.full))
    }

    /// Whether the two may reach `threshold` at all: Jaccard never exceeds the smaller profile's
    /// size over the larger's, so most pairs are dismissed without a merge.
    public func mayReach(_ threshold: Double, with other: SimilarityProfile) -> Bool {
        func bound(_ a: [UInt64], _ b: [UInt64]) -> Double {
            guard !a.isEmpty, !b.isEmpty else { return 0 }
            return Double(min(a.count, b.count)) / Double(max(a.count, b.count))
        }
        let fullBound = full.isEmpty || other.full.isEmpty ? 0 : bound(full, other.full)
        return max(bound(title, other.title), fullBound) >= threshold
    }

    /// Jaccard index of two sorted trigram arrays (the measure of `TrigramSimilarity.jaccard`).
    static func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var i = 0, j = 0, shared = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                shared += 1; i += 1; j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(shared) / Double(a.count + b.count - shared)
    }
}
