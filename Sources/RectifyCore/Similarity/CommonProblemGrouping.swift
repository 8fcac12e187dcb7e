import Foundation

/// Groups problems of many bodies into common problems (共性问题): blocked by category (problems of
/// different categories are never compared), then linked when their wording reaches the threshold
/// (`SimilarityProfile`), each group being the problems linked directly or through one another.
/// The result does not depend on the order of the input.
public enum CommonProblemGrouping {
    /// Groups with at least `minimumBodies` bodies, most bodies first, then most problems, then by
    /// category and representative title.
    public static func group(_ items: [CommonProblemItem], threshold: Double = SimilarityThreshold.default,
                             minimumBodies: Int = 1) -> [CommonProblemGroup] {
        let sorted = items.sorted { $0.problemID.uuidString < $1.problemID.uuidString }
        let profiles = sorted.map { SimilarityProfile(title: $0.title, description: $0.description) }
        var blocks: [String: [Int]] = [:]
        for (index, item) in sorted.enumerated() { blocks[normalizedCategory(item.category), default: []].append(index) }

        var parent = Array(sorted.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        // Every link kept: the representative is the member with the most similarity to the rest.
        var affinity = [Double](repeating: 0, count: sorted.count)
        var links: [(Int, Int, Double)] = []
        for indices in blocks.values {
            for (offset, a) in indices.enumerated() {
                for b in indices[(offset + 1)...] where profiles[a].mayReach(threshold, with: profiles[b]) {
                    let similarity = profiles[a].similarity(to: profiles[b])
                    guard similarity >= threshold else { continue }
                    links.append((a, b, similarity))
                    affinity[a] += similarity
                    affinity[b] += similarity
                    let (ra, rb) = (root(a), root(b))
                    if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
                }
            }
        }
        var membersByRoot: [Int: [Int]] = [:]
        for index in sorted.indices { membersByRoot[root(index), default: []].append(index) }
        var weakest: [Int: Double] = [:]
        for (a, _, similarity) in links { weakest[root(a)] = min(weakest[root(a)] ?? 1, similarity) }

        let groups: [CommonProblemGroup] = membersByRoot.compactMap { rootIndex, indices in
            let bodies = Set(indices.map { sorted[$0].bodyID }).sorted { $0.uuidString < $1.uuidString }
            guard bodies.count >= minimumBodies else { return nil }
            let representative = indices.max { a, b in
                if affinity[a] != affinity[b] { return affinity[a] < affinity[b] }
                let (ta, tb) = (sorted[a].title, sorted[b].title)
                // On a tie the shorter title, then the first by id, stands for the group.
                if ta.count != tb.count { return ta.count > tb.count }
                return sorted[a].problemID.uuidString > sorted[b].problemID.uuidString
            }!
            let others = indices.filter { $0 != representative }.sorted {
                (sorted[$0].title, sorted[$0].problemID.uuidString) < (sorted[$1].title, sorted[$1].problemID.uuidString)
            }
            var statuses: [RectificationStatus: Int] = [:]
            var aspects: [String: Int] = [:]
            for index in indices {
                statuses[sorted[index].status, default: 0] += 1
                if let aspect = sorted[index].aspect?.trimmingCharacters(in: .whitespaces), !aspect.isEmpty { aspects[aspect, default: 0] += 1 }
            }
            let aspect = aspects.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
            return CommonProblemGroup(
                category: sorted[representative].category, aspect: aspect, representative: sorted[representative].problemID,
                representativeTitle: sorted[representative].title, members: ([representative] + others).map { sorted[$0].problemID },
                bodies: bodies, statuses: statuses, overdue: indices.filter { sorted[$0].overdue }.count,
                weakestLink: weakest[rootIndex] ?? 1)
        }
        return groups.sorted { a, b in
            if a.bodyCount != b.bodyCount { return a.bodyCount > b.bodyCount }
            if a.problemCount != b.problemCount { return a.problemCount > b.problemCount }
            let (ca, cb) = (a.category ?? "", b.category ?? "")
            if ca != cb { return ca < cb }
            if a.representativeTitle != b.representativeTitle { return a.representativeTitle < b.representativeTitle }
            return a.representative.uuidString < b.representative.uuidString
        }
    }

    /// Categories typed with other spacing or punctuation are one block.
    static func normalizedCategory(_ category: String?) -> String {
        String(String.UnicodeScalarView(TrigramSimilarity.normalized(category ?? "", foldingFigures: false)))
    }
}
