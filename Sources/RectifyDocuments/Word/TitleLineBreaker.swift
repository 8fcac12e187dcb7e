import Foundation

/// Splits a long title into lines of nearly equal length (GB/T 9704: 回行时要做到词意完整，
/// 排列对称，长短适宜). It never breaks inside a book-title mark 《…》, quotation “…” or
/// document number 〔…〕, and prefers a break before "关于" or after "的" or "党组".
public enum TitleLineBreaker {
    /// Characters of 2号 type that fit on one line of the 156 mm text area.
    public static let charactersPerLine = 20.0

    public static func lines(for title: String, charactersPerLine: Double = TitleLineBreaker.charactersPerLine) -> [String] {
        let characters = Array(title)
        let widths = characters.map(Self.width)
        let total = widths.reduce(0, +)
        guard total > charactersPerLine else { return [title] }
        let lineCount = Int((total / charactersPerLine).rounded(.up))
        var result: [String] = []
        var start = 0
        for line in 1..<lineCount {
            let remainingWidth = widths[start...].reduce(0, +)
            let target = remainingWidth / Double(lineCount - line + 1)
            let breakIndex = bestBreak(characters, widths: widths, start: start, target: target, limit: charactersPerLine)
            result.append(String(characters[start..<breakIndex]))
            start = breakIndex
        }
        result.append(String(characters[start...]))
        return result.filter { !$0.isEmpty }
    }

    private static func width(_ character: Character) -> Double {
        character.isASCII ? 0.5 : 1
    }

    /// Chooses the index at which the next line starts.
    private static func bestBreak(_ characters: [Character], widths: [Double], start: Int, target: Double, limit: Double) -> Int {
        var protected = Set<Int>()
        var depth = 0
        for index in start..<characters.count {
            switch characters[index] {
            case "《", "“", "〔", "（", "(": depth += 1
            case "》", "”", "〕", "）", ")": depth = max(0, depth - 1)
            default: break
            }
            if depth > 0 { protected.insert(index + 1) }
        }
        var bestIndex = start + 1
        var bestScore = Double.infinity
        var running = 0.0
        for index in (start + 1)..<characters.count {
            running += widths[index - 1]
            if running > limit { break }
            if protected.contains(index) { continue }
            var score = abs(running - target)
            let next = String(characters[index...].prefix(2))
            let previous = String(characters[..<index].suffix(2))
            if next == "关于" { score -= 2.5 }
            if previous.hasSuffix("的") || previous == "党组" || previous == "关于" { score -= 1.5 }
            if "，。、；：！？”》）〕".contains(characters[index]) { score += 10 }
            if score < bestScore {
                bestScore = score
                bestIndex = index
            }
        }
        return bestIndex
    }
}
