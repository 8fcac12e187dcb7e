import Foundation

/// A table in an official document. Cell text may contain line breaks (`\n`), written as
/// separate paragraphs in the cell.
public struct DocumentTable: Sendable, Equatable {
    /// A caption set above the table, inside the same section (centred, 黑体).
    public var caption: String?
    public var header: [String]
    public var rows: [[String]]
    /// Relative column widths; scaled to the text width. Equal widths when nil.
    public var columnWidths: [Int]?
    /// Places the table in its own landscape section (A4 turned, text area 225 × 156 mm).
    public var landscape: Bool

    public init(caption: String? = nil, header: [String], rows: [[String]], columnWidths: [Int]? = nil, landscape: Bool = false) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.columnWidths = columnWidths
        self.landscape = landscape
    }

    /// Number of columns: the widest of the header and the rows.
    public var columnCount: Int {
        rows.reduce(header.count) { max($0, $1.count) }
    }
}
