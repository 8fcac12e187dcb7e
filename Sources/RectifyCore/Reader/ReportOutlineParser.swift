import Foundation

/// Reads the outline of a report. Heading levels are not fixed: a style seen again closes
/// everything opened after it, as in any outline, so reports that use any subset of
/// 一、（一）1.（1） in any order are read the same way. Problems are recognised by their
/// wording (`关于“…”问题`, `反馈问题:…`), not by their label.
enum ReportOutlineParser {
    static func parse(_ lines: [ReportLine]) -> ReportOutline {
        var outline = ReportOutline()
        // Section indices with the style that stands for their level: a misstyled `2、` after
        // `一、` holds the 一、 level, so a later `1.` still opens a level below it.
        var stack: [Level] = []
        var current: ReportOutline.ProblemDraft?

        func flush() {
            if let draft = current { outline.problems.append(draft) }
            current = nil
        }

        let headings = lines.map { ReportHeading.parse($0.normalized) }
        let kinds = lines.map { itemLine($0.normalized) }
        let drafts = lines.indices.map { problem(in: lines[$0], heading: headings[$0]) }
        let structural = structuralProblems(lines, headings, kinds, worded: drafts.map { $0 != nil })
        for (index, line) in lines.enumerated() {
            let heading = headings[index]
            // A 反馈问题：… line whose items follow as numbered problems of their own is their group.
            // Only a line of a higher level than the item below it can group it (`3.` above `(二)` cannot).
            let groupsItems = structural[index + 1] != nil && structural[index] == nil
                && (heading?.style.rank ?? -1) < (headings[index + 1]?.style.rank ?? 5)
            let found = groupsItems ? nil : drafts[index] ?? structural[index].map { structuralDraft(line, heading!, $0) }
            if var draft = found {
                flush()
                let sectionsInScope = stack.reversed().map { outline.sections[$0.index] }
                draft.sectionIndex = stack.last?.index
                draft.source = sectionsInScope.lazy.compactMap(\.source).first ?? .inspectionFeedback
                if draft.status == .unstated {
                    draft.status = sectionsInScope.lazy.compactMap(\.status).first ?? .unstated
                }
                if heading == nil && draft.style == .none {
                    draft.number = (outline.problems.last { $0.source == draft.source }?.number ?? 0) + 1
                }
                for entry in stack { outline.sections[entry.index].problemCount += 1 }
                current = draft
                continue
            }
            if let heading, let (depthIndex, levelStyle) = groupsItems ? (stack.firstIndex { $0.holds(heading.style, line) } ?? stack.count, heading.style)
                : sectionPosition(of: heading, line: line, stack: stack, sections: outline.sections, insideProblem: current != nil) {
                flush()
                stack.removeSubrange(depthIndex...)
                let rest = heading.rest(of: line)
                let title = rest.original.trimmingCharacters(in: .whitespaces)
                let section = ReportSection(
                    depth: stack.count + 1, style: heading.style, number: heading.number, label: heading.label,
                    title: title, source: source(of: rest.normalized), status: status(of: rest.normalized),
                    claimedCount: ReaderVocabulary.sectionCount.firstMatch(in: rest.normalized as NSString)
                        .flatMap { $0.group(1, in: rest.normalized as NSString) }.flatMap(ReaderNumerals.value(of:)),
                    problemCount: 0, location: ReportLocation(line: line.number))
                outline.sections.append(section)
                stack.append(Level(index: outline.sections.count - 1, style: levelStyle, inTable: line.inTable))
                outline.outsideLines.append(line)
                continue
            }
            if let first = line.normalized.first, "欢如联邮来".contains(first), ReaderVocabulary.closingRemarks.contains(line.normalized) { flush() }
            if current != nil {
                // The problem's status line sets its status; deadlines, leaders and units are no progress text.
                switch kinds[index] {
                case .status(let word): if let value = itemStatus(word) { current!.status = value }
                case .metadata: break
                case .measuresLead, .other: appendBody(line, to: &current!)
                }
            } else {
                outline.outsideLines.append(line)
            }
        }
        flush()
        return outline
    }

    /// An open level of the outline: its section, the style that stands for it, and whether it
    /// was opened by a table row.
    struct Level {
        var index: Int
        var style: ReportHeadingStyle
        var inTable: Bool

        /// Whether a heading of `style` on `line` is a sibling of this level: a table's rows are
        /// siblings only of other rows, below the text's own headings.
        func holds(_ style: ReportHeadingStyle, _ line: ReportLine) -> Bool {
            self.style == style && (inTable || !line.inTable)
        }
    }

    /// Where in the stack a heading goes and the style its level keeps, or nil when the line
    /// is not a section heading.
    private static func sectionPosition(of heading: ReportHeading, line: ReportLine,
                                        stack: [Level],
                                        sections: [ReportSection], insideProblem: Bool) -> (Int, ReportHeadingStyle)? {
        guard heading.style != .circled else { return nil }
        let rest = heading.rest(of: line).normalized as NSString
        // Headings are short and are not sentences; numbered paragraphs of prose are body text.
        guard rest.length <= 60 else { return nil }
        let body = rest.trimmingCharacters(in: CharacterSet(charactersIn: "。 "))
        guard !body.contains("。"), !body.contains(";") else { return nil }
        // A numbered sentence with a clause break that ends in 。 is an item of prose (a measure), not a heading.
        let sentence = (rest as String).trimmingCharacters(in: .whitespaces)
        if sentence.hasSuffix("。") || sentence.hasSuffix("."), body.contains(",") || body.contains("，") { return nil }
        if let sameStyle = stack.firstIndex(where: { $0.holds(heading.style, line) }) { return (sameStyle, heading.style) }
        // A `2、` right after `一、` (or `（2）` after `（一）`) continues the Chinese sequence in
        // the wrong style; it takes its sibling's level, and the checker reports the style.
        // Only `2、` and `（2）` are taken for that slip: `2.` is the ordinary level below.
        let counterpart: ReportHeadingStyle? = heading.style == .arabic && heading.label.hasSuffix("、") ? .chineseComma
            : heading.style == .parenArabic ? .parenChinese : nil
        // Inside a problem a `（2）` numbers its measures instead.
        if let counterpart, !insideProblem, let sibling = stack.lastIndex(where: { $0.style == counterpart }) {
            let number = heading.number
            if sections[stack[sibling].index].number == number - 1 { return (sibling, counterpart) }
        }
        // Inside a problem, an unknown numbering style numbers its measures, not a new section.
        if insideProblem && heading.style != .chineseComma && heading.style != .ordinal { return nil }
        return (stack.count, heading.style)
    }

    /// Problems known by their shape rather than their wording: a numbered line followed, before the
    /// next line numbered alike, by a status line (整改状态：完成), its measures (整改措施：…, 一是…) and
    /// metadata (整改时限、责任领导…), or one carrying its status in parentheses (`（1）…。（已完成）①…`).
    /// The value is the status stated inline, if any.
    static func structuralProblems(_ lines: [ReportLine], _ headings: [ReportHeading?], _ kinds: [ItemLine],
                                   worded: [Bool]) -> [Int: ReportProblemStatus?] {
        var result: [Int: ReportProblemStatus?] = [:]
        for (index, heading) in headings.enumerated() {
            guard let heading, heading.style != .circled, !worded[index] else { continue }
            let rest = heading.rest(of: lines[index]).normalized
            if ReaderVocabulary.sectionTitle.contains(rest) { continue }
            if let inline = ReaderVocabulary.inlineItemStatus.firstMatch(in: rest as NSString),
               let word = inline.group(1, in: rest as NSString) {
                result[index] = .some(itemStatus(word))
                continue
            }
            // A top-level heading right above a section heading (`二、…` over `(一)…方面`) groups what follows.
            if heading.style == .chineseComma || heading.style == .ordinal, index + 1 < headings.count, let next = headings[index + 1],
               [.chineseComma, .parenChinese, .ordinal].contains(next.style), next.style != heading.style { continue }
            var statusLine = false, measures = false
            for next in lines.indices.dropFirst(index + 1).prefix(12) {
                // The next item numbered alike, or a top-level heading, ends this one.
                if let other = headings[next], other.style == heading.style || other.style == .chineseComma || other.style == .ordinal { break }
                // A problem known by its wording (`问题2:…`) starts the next item.
                if worded[next] { break }
                switch kinds[next] {
                case .status: statusLine = true
                case .metadata, .measuresLead: measures = true
                case .other: break
                }
            }
            let measuresFollow = headings.indices.contains(index + 1) && headings[index + 1]?.style == .parenArabic
            if statusLine && (measures || measuresFollow) {
                result[index] = .some(nil)
            }
        }
        // A heading whose next line is an item of another style groups those items; it is no item itself.
        for index in result.keys.sorted() where result[index + 1] != nil && headings[index + 1]?.style != headings[index]?.style {
            result[index] = nil
        }
        return result
    }

    private static func structuralDraft(_ line: ReportLine, _ heading: ReportHeading, _ inline: ReportProblemStatus?) -> ReportOutline.ProblemDraft {
        let rest = heading.rest(of: line)
        var titleText = rest.original
        var draft = ReportOutline.ProblemDraft(
            source: .inspectionFeedback, number: heading.number, label: heading.label, style: heading.style, title: "",
            heading: line.original, status: inline ?? .unstated, location: ReportLocation(line: line.number), parts: [])
        let normalized = rest.normalized as NSString
        // The body may follow on the same line, after the inline status or a 整改措施： label.
        let split = [ReaderVocabulary.inlineItemStatus.firstMatch(in: normalized)?.range,
                     ReaderVocabulary.inlineProgressLabel.firstMatch(in: normalized)?.range].compactMap { $0 }
            .min { $0.location < $1.location }
        if let split {
            titleText = (rest.original as NSString).substring(to: split.location)
            let bodyStart = heading.restOffset + split.location + split.length
            if bodyStart < (line.normalized as NSString).length { appendBody(line, from: bodyStart, to: &draft) }
        }
        draft.title = ReportTextNormalizer.title(titleText.trimmingCharacters(in: CharacterSet(charactersIn: "。. ")))
        return draft
    }

    private static func problem(in line: ReportLine, heading: ReportHeading?) -> ReportOutline.ProblemDraft? {
        // Both wordings start with 关于, or with 巡/反/问 (`巡察反馈问题…`, `反馈问题…`, `问题N…`): other
        // lines are ruled out before the text after the label is cut.
        let utf16 = line.normalized.utf16
        let firstOffset = heading?.restOffset ?? 0
        guard firstOffset < utf16.count, "关巡反问".utf16.contains(utf16[utf16.index(utf16.startIndex, offsetBy: firstOffset)]) else { return nil }
        let rest = heading?.rest(of: line) ?? (normalized: line.normalized, original: line.original)
        let restOffset = heading?.restOffset ?? 0
        let normalized = rest.normalized as NSString
        let original = rest.original as NSString
        var title: String
        var status = ReportProblemStatus.unstated
        var bodyOffset: Int?
        var ownNumber: (number: Int, label: String)?
        if let match = ReaderVocabulary.aboutProblem.firstMatch(in: normalized) {
            if heading == nil && normalized.length > 80 { return nil }
            title = ReportTextNormalizer.title(original.substring(with: match.range(at: 1)))
            if let statusText = match.group(2, in: normalized) { status = self.status(of: statusText) ?? .unstated }
        } else if let match = ReaderVocabulary.labelledProblem.firstMatch(in: normalized) {
            var content = match.range(at: 2)
            // `问题5:` numbers the problem itself; a repeated or skipped 5 is then checked like any label.
            if heading == nil, let numberText = match.group(1, in: normalized), let number = ReaderNumerals.value(of: numberText) {
                ownNumber = (number, normalized.substring(to: match.range(at: 1).upperBound).trimmingCharacters(in: .whitespaces))
            }
            if let progress = ReaderVocabulary.inlineProgressLabel.firstMatch(in: normalized, range: content) {
                bodyOffset = restOffset + progress.range.location + progress.range.length
                content = NSRange(location: content.location, length: progress.range.location - content.location)
            }
            title = ReportTextNormalizer.title(original.substring(with: content)
                .trimmingCharacters(in: CharacterSet(charactersIn: "。. ")))
        } else {
            return nil
        }
        if title.isEmpty { return nil }
        var draft = ReportOutline.ProblemDraft(
            source: .inspectionFeedback, number: heading?.number ?? ownNumber?.number ?? 0, label: heading?.label ?? ownNumber?.label ?? "",
            style: heading?.style ?? (ownNumber == nil ? .none : .problemNumber), title: title, heading: line.original, status: status,
            location: ReportLocation(line: line.number), parts: [])
        if let bodyOffset, bodyOffset < (line.normalized as NSString).length {
            appendBody(line, from: bodyOffset, to: &draft)
        }
        return draft
    }

    private static func appendBody(_ line: ReportLine, from start: Int = 0, to draft: inout ReportOutline.ProblemDraft) {
        var offset = start
        let text = line.normalized as NSString
        let searchRange = NSRange(location: start, length: text.length - start)
        if ReportOutlineParser.mayStartProgressLabel(text, at: start),
           let label = ReaderVocabulary.progressLabel.firstMatch(in: text, range: searchRange) {
            offset = label.range.location + label.range.length
        }
        // A status written at the start of the progress text is the problem's own statement.
        while offset < text.length, text.character(at: offset) == 0x20 { offset += 1 }
        let after = NSRange(location: offset, length: text.length - offset)
        if offset < text.length, "已正基持未".utf16.contains(text.character(at: offset)),
           let stated = ReaderVocabulary.leadingStatus.firstMatch(in: text, range: after),
           let value = status(of: text.substring(with: stated.range)) {
            draft.status = value
        }
        guard offset < text.length else { return }
        draft.parts.append((line, offset))
    }

    /// Whether a progress label (`整改情况:`, `进展情况:`, `落实情况:`, `完成情况:`) may start at `start`.
    static func mayStartProgressLabel(_ text: NSString, at start: Int) -> Bool {
        var position = start
        let length = text.length
        while position < length, text.character(at: position) == 0x20 { position += 1 }
        guard position < length, "整进落完".utf16.contains(text.character(at: position)) else { return false }
        // The label is a few characters and a colon.
        return (position..<min(length, position + 12)).contains { text.character(at: $0) == 0x3A }
    }

    static func source(of text: String) -> ReportSource? {
        if ReaderVocabulary.secretarySource.contains(text) { return .secretaryAssigned }
        if ReaderVocabulary.selfFoundSource.contains(text) { return .selfFound }
        if ReaderVocabulary.feedbackSource.contains(text) { return .inspectionFeedback }
        return nil
    }

    /// What a line says of the item it stands under, read once per line.
    enum ItemLine {
        /// `整改状态：完成`, with its value.
        case status(String)
        /// `整改时限：…`, `责任领导：…`, `牵头单位：…`.
        case metadata
        /// `整改措施：…`, `一是…`.
        case measuresLead
        case other
    }

    /// The first characters of the lines `itemLine` tells apart: any other line is `.other` without a regex.
    private static let itemLineStarts: Set<Character> = ["整", "完", "办", "状", "时", "责", "牵", "分", "配", "具", "主", "一", "进", "其"]

    static func itemLine(_ text: String) -> ItemLine {
        guard let first = text.first(where: { $0 != " " }), itemLineStarts.contains(first) else { return .other }
        // The patterns look at the start of a line only; the regex engine copies all it is given, and
        // progress lines run to thousands of characters. A status line is short as a whole.
        let ns = text as NSString
        // A UTF-16 unit takes at most three UTF-8 bytes: a longer line is no status line, and
        // `utf8.count` costs nothing where `length` walks the line.
        if text.utf8.count <= 120, ns.length <= 40, let stated = ReaderVocabulary.itemStatusLine.firstMatch(in: ns), let word = stated.group(1, in: ns),
           itemStatus(word) != nil {
            return .status(word)
        }
        let start = String(text.prefix(16))
        if ReaderVocabulary.itemMetadataLine.contains(start) { return .metadata }
        if ReaderVocabulary.measuresLead.contains(start) { return .measuresLead }
        return .other
    }

    /// A status line's value: a bare `完成` is done, as is everything `status(of:)` reads as done.
    static func itemStatus(_ word: String) -> ReportProblemStatus? {
        word == "完成" ? .completed : status(of: word)
    }

    static func status(of text: String) -> ReportProblemStatus? {
        if ReaderVocabulary.inProgressStatus.contains(text) { return .inProgress }
        if ReaderVocabulary.completedStatus.contains(text) { return .completed }
        return nil
    }
}
