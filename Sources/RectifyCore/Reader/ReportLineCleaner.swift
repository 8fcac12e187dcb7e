import Foundation

/// Removes what a publishing site adds around a report: link lists after the signature
/// (相关文章, 上一篇/下一篇) and short chrome lines (分享, 打印, 发布时间, 当前位置…).
enum ReportLineCleaner {
    static func clean(_ lines: [ReportLine]) -> [ReportLine] {
        var kept = lines
        if let signature = kept.lastIndex(where: { ReaderVocabulary.signatureDate.contains($0.normalized) }),
           signature >= kept.count / 2 {
            // Nothing of the report follows its signature date.
            kept.removeSubrange((signature + 1)...)
        } else if let start = kept.indices.first(where: { $0 >= kept.count / 2 && isChrome(kept[$0], ReaderVocabulary.trailingChromeStart) }) {
            kept.removeSubrange(start...)
        }
        return kept.filter { !isChrome($0, ReaderVocabulary.chromeLine) }
    }

    private static func isChrome(_ line: ReportLine, _ pattern: ReaderPattern) -> Bool {
        guard let first = line.normalized.first, chromeStarts.contains(first) else { return false }
        return line.normalized.utf16.count <= 40 && pattern.contains(line.normalized)
    }

    /// The first characters of the chrome lines `ReaderVocabulary.chromeLine` knows: other lines are
    /// kept without a regex call.
    private static let chromeStarts: Set<Character> = ["[", "【", " ", "相", "推", "上", "下", "分", "打", "关", "扫", "责", "来", "发", "浏", "阅", "字", "当", "您", "首"]
}
