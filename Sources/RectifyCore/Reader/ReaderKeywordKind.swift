import Foundation

/// What a keyword of `ReaderVocabulary.keywords` says about the sentence it stands in.
enum ReaderKeywordKind: Sendable, Hashable {
    case study
    case meeting
    case document
    /// A sanction word; it counts only with people named beside it.
    case sanction
    /// A finished work or a recovery, a result even without a number.
    case completedWork
    /// Money recovered rather than spent.
    case recovery
}
