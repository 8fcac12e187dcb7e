import LeafKit
@testable import RectifyServer
import Testing

/// Rows written as HTML in Swift sit beside Leaf's own output: they must be escaped exactly as Leaf
/// escapes `#( )`, whether or not the text holds anything to escape.
@Suite struct HTMLEscapingTests {
    @Test func textIsEscapedAsLeafEscapesIt() {
        for text in ["", "市住房和城乡建设局", "A&B <c> \"d\" 'e'", "王敏（副局长）", "&amp;", "<script>alert(1)</script>", "末尾&"] {
            #expect(text.escapedForHTML == text.htmlEscaped(), "\(text)")
        }
    }

    @Test func optionsAreWrittenWithTheirSelectionAndEscapedLabels() {
        let options: [BoardController.Option] = [.init(value: "a\"1", label: "甲<乙>", selected: false), .init(value: "2", label: "丙 & 丁", selected: true)]
        #expect(options.html == "<option value=\"a&quot;1\">甲&lt;乙&gt;</option><option value=\"2\" selected>丙 &amp; 丁</option>")
        #expect([BoardController.Option]().html == "")
    }
}
