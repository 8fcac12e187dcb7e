import Foundation

/// How alike two wordings are, by the character trigrams they share (Jaccard index). Chinese needs
/// no word segmentation for this: near-duplicates (屡查屡犯 repeats, 共性问题 worded alike across
/// bodies) differ by a few characters and keep most of their trigrams.
///
/// Texts are compared after NFKC folding (full-width letters and digits become ASCII), lowercasing
/// and dropping everything that is not a letter or a digit, so punctuation and spacing never count.
/// By default every run of digits (a count, an amount such as 15.30, a year) counts as one and the
/// same figure: the same finding two years later or in another body has other figures.
public enum TrigramSimilarity {
    /// Stands for a run of digits when figures are folded.
    static let figure: Unicode.Scalar = "#"

    /// The trigrams of `text`, each packed exactly into 63 bits (three 21-bit scalars), so a profile
    /// can be computed once and compared many times. A text of one or two characters is one trigram;
    /// a text with no letters or digits has none.
    public static func profile(_ text: String, foldingFigures: Bool = true) -> Set<UInt64> {
        let scalars = normalized(text, foldingFigures: foldingFigures)
        guard !scalars.isEmpty else { return [] }
        func pack(_ i: Int) -> UInt64 {
            var value: UInt64 = 0
            for k in 0..<3 { value = value << 21 | (i + k < scalars.count ? UInt64(scalars[i + k].value) : 0) }
            return value
        }
        if scalars.count < 3 { return [pack(0)] }
        var grams = Set<UInt64>(minimumCapacity: scalars.count - 2)
        for i in 0...(scalars.count - 3) { grams.insert(pack(i)) }
        return grams
    }

    /// Shared trigrams over all trigrams of either text, from 0 (nothing shared) to 1 (the same
    /// trigrams). A text without letters or digits is similar to nothing.
    public static func jaccard(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        let shared = small.reduce(0) { $0 + (large.contains($1) ? 1 : 0) }
        return Double(shared) / Double(a.count + b.count - shared)
    }

    public static func jaccard(_ a: String, _ b: String, foldingFigures: Bool = true) -> Double {
        jaccard(profile(a, foldingFigures: foldingFigures), profile(b, foldingFigures: foldingFigures))
    }

    /// The letters and digits of `text`, NFKC-folded and lowercased; with `foldingFigures`, each run
    /// of decimal digits (punctuation inside it, as in 15.30, does not break it) becomes one `#`.
    /// Chinese numerals are words here (三会一课), not figures.
    public static func normalized(_ text: String, foldingFigures: Bool = true) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for scalar in text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            if foldingFigures && scalar.properties.numericType == .decimal {
                if out.last != figure { out.append(figure) }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                out.append(scalar)
            }
        }
        return out
    }
}
