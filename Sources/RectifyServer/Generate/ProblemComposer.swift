import RectifyCore

/// A problem's title and description composed from a theme, with the choices made, so a later
/// round can repeat it near word for word.
struct ComposedProblem: Sendable {
    struct Choice: Sendable {
        let title: Int
        let opener: Int
        let findings: [Int]
        let effect: Int
    }

    let theme: ProblemTheme
    let choice: Choice
    let title: String
    let description: String
}

/// Composes problem wording: a title from the theme's titles; a description from an opener, one
/// or two findings and an effect, filled with the problem's figures.
enum ProblemComposer {
    static let openers = ["", "", "巡察发现，", "经查，", "抽查发现，", "{Y}年以来，"]
    static let selfFoundOpeners = ["举一反三自查发现，", "自查发现，", "对照巡察反馈问题举一反三，发现"]

    /// Small edits a repeat makes to an earlier wording: the first that applies is used.
    static let edits: [(String, String)] = [
        ("不到位", "不够到位"), ("不规范", "不够规范"), ("不严格", "不够严格"), ("不及时", "不够及时"),
        ("不彻底", "不够彻底"), ("不深入", "不够深入"), ("不力", "不够有力"), ("部分", "一些"), ("个别", "少数"),
        ("未按规定", "未严格按规定"), ("未及时", "没有及时"), ("存在", "仍然存在"),
    ]

    static func compose(_ theme: ProblemTheme, _ figures: Figures, _ rng: inout SeededGenerator,
                        openers custom: [String]? = nil) -> ComposedProblem {
        let openers = custom ?? theme.openers ?? Self.openers
        let title = rng.int(0..<theme.titles.count)
        let preferred = ThemeAffinity.preferred[theme.key]?[title] ?? []
        let first = preferred.isEmpty ? rng.int(0..<theme.findings.count) : rng.pick(preferred)
        var findings = [first]
        if theme.findings.count > 2 && rng.chance(0.35) {
            var second = rng.int(0..<(theme.findings.count - 1))
            if second >= first { second += 1 }
            findings.append(second)
        }
        var opener = rng.int(0..<openers.count)
        // "抽查发现，抽查…" and "2023年以来，2023年…" read badly: drop the opener then.
        if openers[opener].prefix(2) == theme.findings[first].prefix(2) { opener = openers.firstIndex(of: "") ?? opener }
        let choice = ComposedProblem.Choice(title: title, opener: opener, findings: findings,
                                            effect: rng.int(0..<theme.effects.count))
        return make(theme, choice, figures, openers: openers)
    }

    /// The same problem found again in a later round (屡查屡犯): the same parts, new figures, another
    /// opener and a word changed in the description where one of `edits` applies (and, half the
    /// time, in the title).
    static func repeatOf(_ earlier: ComposedProblem, _ figures: Figures, _ rng: inout SeededGenerator) -> ComposedProblem {
        let openers = earlier.theme.openers ?? Self.openers
        let finding = earlier.theme.findings[earlier.choice.findings[0]]
        let others = openers.indices.filter {
            openers[$0] != openers[earlier.choice.opener] && (openers[$0].isEmpty || openers[$0].prefix(2) != finding.prefix(2))
        }
        var choice = earlier.choice
        if !others.isEmpty {
            choice = ComposedProblem.Choice(title: choice.title, opener: rng.pick(others), findings: choice.findings, effect: choice.effect)
        }
        let fresh = make(earlier.theme, choice, figures, openers: openers)
        let title = rng.chance(0.5) ? edit(fresh.title) : fresh.title
        return ComposedProblem(theme: fresh.theme, choice: fresh.choice, title: title, description: edit(fresh.description))
    }

    static func edit(_ text: String) -> String {
        for (from, to) in edits {
            if let range = text.range(of: from) { return text.replacingCharacters(in: range, with: to) }
        }
        return text
    }

    private static func make(_ theme: ProblemTheme, _ choice: ComposedProblem.Choice, _ figures: Figures,
                             openers: [String]) -> ComposedProblem {
        var description = figures.fill(openers[min(choice.opener, openers.count - 1)])
        // A second finding has figures of its own.
        description += choice.findings.enumerated().map { n, finding in
            (n == 0 ? figures : figures.other).fill(theme.findings[finding])
        }.joined(separator: "；")
        description += "，" + figures.fill(theme.effects[choice.effect]) + "。"
        return ComposedProblem(theme: theme, choice: choice, title: figures.fill(theme.titles[choice.title]), description: description)
    }
}
