import LeafKit

extension Array where Element == BoardController.Option {
    /// The options of a select as HTML, escaped as Leaf escapes `#( )`. A problem's page carries a
    /// leader list on every open measure, each holding the body's serving people: looping over them
    /// in Leaf, with a comparison per option, took most of the page's time.
    var html: String {
        var html = ""
        html.reserveCapacity(count * 80)
        for option in self {
            html += "<option value=\"\(option.value.escapedForHTML)\"\(option.selected ? " selected" : "")>\(option.label.escapedForHTML)</option>"
        }
        return html
    }
}
