import Foundation

/// Matches each body's later-round problems with its earlier rounds' problems worded alike
/// (`SimilarityProfile`), across categories: a finding found again may be filed under another one.
/// Only problems of one body are compared, so the work grows with the largest body, not the province.
public enum RepeatMatching {
    /// For every problem of a body's second or later round, its `best` closest problems of the
    /// body's earlier rounds reaching `threshold`, closest first (then the later earlier round, then
    /// by id). The result is ordered by body, new problem and closeness, whatever the input order.
    public static func match(_ items: [RepeatCandidate], threshold: Double = SimilarityThreshold.default,
                             best: Int = 3) -> [RepeatSuggestion] {
        var byBody: [UUID: [RepeatCandidate]] = [:]
        for item in items { byBody[item.bodyID, default: []].append(item) }
        var result: [RepeatSuggestion] = []
        for bodyID in byBody.keys.sorted(by: { $0.uuidString < $1.uuidString }) {
            let problems = byBody[bodyID]!
            let rounds = Set(problems.map { RoundKey(date: $0.roundDate, id: $0.roundID.uuidString) }).sorted()
            let rank = Dictionary(uniqueKeysWithValues: rounds.enumerated().map { ($0.element.id, $0.offset) })
            let ordered = problems.sorted {
                (rank[$0.roundID.uuidString]!, $0.problemID.uuidString) < (rank[$1.roundID.uuidString]!, $1.problemID.uuidString)
            }
            let profiles = ordered.map { SimilarityProfile(title: $0.title, description: $0.description) }
            for (n, new) in ordered.enumerated() {
                let newRank = rank[new.roundID.uuidString]!
                guard newRank > 0 else { continue }
                var found: [(index: Int, similarity: Double)] = []
                for e in ordered.indices {
                    let earlier = ordered[e]
                    guard rank[earlier.roundID.uuidString]! < newRank else { break }
                    guard profiles[n].mayReach(threshold, with: profiles[e]) else { continue }
                    let similarity = profiles[n].similarity(to: profiles[e])
                    if similarity >= threshold { found.append((e, similarity)) }
                }
                found.sort { a, b in
                    if a.similarity != b.similarity { return a.similarity > b.similarity }
                    let (ra, rb) = (rank[ordered[a.index].roundID.uuidString]!, rank[ordered[b.index].roundID.uuidString]!)
                    if ra != rb { return ra > rb }
                    return ordered[a.index].problemID.uuidString < ordered[b.index].problemID.uuidString
                }
                for match in found.prefix(best) {
                    let earlier = ordered[match.index]
                    result.append(RepeatSuggestion(newProblemID: new.problemID, earlierProblemID: earlier.problemID, bodyID: bodyID,
                                                   newRoundID: new.roundID, earlierRoundID: earlier.roundID,
                                                   similarity: match.similarity))
                }
            }
        }
        return result
    }

    private struct RoundKey: Hashable, Comparable {
        let date: String
        let id: String
        static func < (a: RoundKey, b: RoundKey) -> Bool { (a.date, a.id) < (b.date, b.id) }
    }
}
