/// Which findings of a theme go with which of its titles: the ones sharing the most character
/// pairs with the title ("党费收缴管理不规范" → the finding about 党费), so a description says
/// what its title says. A title that shares little with every finding (a general one such as
/// "基层党组织建设薄弱") goes with any.
enum ThemeAffinity {
    /// Theme key → for each title, the findings preferred as the first one (empty: any).
    static let preferred: [String: [[Int]]] = {
        var table: [String: [[Int]]] = [:]
        let themes = GeneralThemes.all + SectorCatalog.all.flatMap { $0.themes + $0.common + [$0.duplicate] }
        for theme in themes {
            let findings = theme.findings.map(pairs)
            table[theme.key] = theme.titles.map { title in
                let own = pairs(title)
                let scores = findings.map { $0.intersection(own).count }
                guard let best = scores.max(), best >= 2 else { return [] }
                return scores.indices.filter { scores[$0] == best }
            }
        }
        return table
    }()

    /// Adjacent character pairs, placeholders and punctuation left out.
    static func pairs(_ text: String) -> Set<String> {
        var chars: [Character] = []
        var inPlaceholder = false
        for c in text {
            if c == "{" { inPlaceholder = true; chars.append(" "); continue }
            if c == "}" { inPlaceholder = false; continue }
            if inPlaceholder { continue }
            chars.append(c.isLetter ? c : " ")
        }
        var out = Set<String>()
        for (a, b) in zip(chars, chars.dropFirst()) where a != " " && b != " " { out.insert(String([a, b])) }
        return out
    }
}
