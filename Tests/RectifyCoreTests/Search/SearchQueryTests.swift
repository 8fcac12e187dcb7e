import Foundation
import Testing
@testable import RectifyCore

/// How a search's words are read and how hits are marked in the text shown.
@Suite struct SearchQueryTests {
    func parsed(_ text: String) throws -> SearchQuery {
        try SearchQuery.parse(text)
    }

    func issue(_ text: String) -> FieldIssue? {
        do {
            _ = try SearchQuery.parse(text)
            return nil
        } catch {
            return error.issue
        }
    }

    @Test func wordsAreSplitOnAnySpaceAndRepeatsDropped() throws {
        let query = try parsed("  专项资金\u{3000}管理  Abc abc\t专项资金 ")
        #expect(query.terms == ["专项资金", "管理", "Abc"])
        #expect(query.phrase == "专项资金 管理 Abc")
        #expect(query.indexedTerms == ["专项资金", "Abc"])
        #expect(query.usesIndex)
        #expect(try parsed("整改 资金").usesIndex == false)
        #expect(try parsed("招投标").indexedTerms == ["招投标"])
    }

    @Test func emptyOverlongControlAndTooManyWordsAreRefusedOnTheField() {
        #expect(issue("   ")?.code == "required")
        #expect(issue(String(repeating: "长", count: 101))?.code == "too_long")
        #expect(issue(String(repeating: "长", count: 100)) == nil)
        #expect(issue("资金\u{0}管理")?.code == "invalid_character")
        #expect(issue("一 二 三 四 五 六 七 八 九")?.code == "too_many_terms")
        #expect(issue("一 二 三 四 五 六 七 八") == nil)
        #expect(issue("")?.field == "q")
    }

    @Test func titlePartsMarkEveryOccurrenceOfEveryWordMergingOverlaps() {
        let parts = SearchHighlighter.parts("专项资金使用管理不规范，资金拨付", terms: ["资金", "金使用"])
        #expect(parts == [.init("专项", hit: false), .init("资金使用", hit: true), .init("管理不规范，", hit: false),
                          .init("资金", hit: true), .init("拨付", hit: false)])
        #expect(parts.map(\.text).joined() == "专项资金使用管理不规范，资金拨付")
        #expect(SearchHighlighter.parts("ABC 文号 abc", terms: ["abc"]).filter(\.hit).map(\.text) == ["ABC", "abc"])
        #expect(SearchHighlighter.parts("没有命中", terms: ["资金"]) == [.init("没有命中", hit: false)])
        #expect(SearchHighlighter.parts("", terms: ["资金"]).isEmpty)
        #expect(SearchHighlighter.parts("哈哈哈", terms: ["哈哈"]) == [.init("哈哈哈", hit: true)])
    }

    @Test func anExcerptIsCutAroundTheFirstHitWithEllipses() {
        let text = String(repeating: "甲", count: 200) + "专项资金" + String(repeating: "乙", count: 200)
        let excerpt = SearchHighlighter.excerpt(text, terms: ["专项资金"], length: 30, before: 10)
        #expect(excerpt.first == .init("…", hit: false))
        #expect(excerpt.last == .init("…", hit: false))
        #expect(excerpt.filter(\.hit).map(\.text) == ["专项资金"])
        let shown = excerpt.dropFirst().dropLast().map(\.text).joined()
        #expect(shown == String(repeating: "甲", count: 10) + "专项资金" + String(repeating: "乙", count: 16))
        // Near the start or the end, the excerpt reaches that end without an ellipsis there.
        let start = SearchHighlighter.excerpt("专项资金" + String(repeating: "乙", count: 100), terms: ["专项资金"], length: 30, before: 10)
        #expect(start.first == .init("专项资金", hit: true) && start.last == .init("…", hit: false))
        let end = SearchHighlighter.excerpt(String(repeating: "甲", count: 100) + "专项资金", terms: ["专项资金"], length: 30, before: 10)
        #expect(end.first == .init("…", hit: false) && end.last == .init("专项资金", hit: true))
        #expect(end.dropFirst().map(\.text).joined().count == 30)
        // Without a hit in the text: its beginning.
        let none = SearchHighlighter.excerpt(String(repeating: "丙", count: 50), terms: ["资金"], length: 30, before: 10)
        #expect(none == [.init(String(repeating: "丙", count: 30), hit: false), .init("…", hit: false)])
        #expect(SearchHighlighter.excerpt("短文", terms: ["资金"]) == [.init("短文", hit: false)])
    }
}
