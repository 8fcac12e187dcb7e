import Foundation
import RectifyCore

/// What `rectify generate` plants so that search ranking, common-problem grouping and repeat
/// matching have something known to find, and the rules that decide where:
/// - repeats (屡查屡犯): in about one body in ten (`repeats`), every round after the first holds a
///   feedback problem of the round before it, worded near identically (a word or two changed, new
///   figures) – only with `--rounds` 2 or more;
/// - common problems (共性问题): each of a sector's `common` themes appears in the latest round of
///   about two thirds of the sector's bodies (`hasCommon`), with near-identical titles and the same
///   sentence with other figures;
/// - duplicates: the sector's `duplicate` appears word for word in the latest round of every other
///   body of the sector (`hasDuplicate`).
enum PlantedStructure {
    enum Plant: Sendable, Equatable {
        /// The problem repeats the earlier round's problem with this id.
        case repeatOf(UUID)
        /// Common problem: the key of its theme, the same in every body that has it.
        case common(String)
        /// Word-for-word duplicate: the key of its theme.
        case duplicate(String)
    }

    /// One generated problem as tests and benchmarks see it.
    struct Problem: Sendable {
        let id: UUID
        /// 0 for the oldest round, `rounds - 1` for the latest.
        let round: Int
        let source: ProblemSource
        let theme: String?
        let title: String
        let description: String
        let plant: Plant?
    }

    static func repeats(seed: UInt64, index: Int) -> Bool {
        var rng = SeededGenerator(seed: seed ^ 0x0BAD_5EED ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
        return rng.next() % 10 == 0
    }

    /// `ordinal` counts the bodies of one kind (the body's index divided by the number of kinds).
    static func hasCommon(_ common: Int, ordinal: Int) -> Bool { (ordinal + common) % 3 != 0 }

    static func hasDuplicate(ordinal: Int) -> Bool { ordinal % 2 == 0 }
}
