import Foundation

/// A cell's value as read from a worksheet.
struct WorksheetCell: Equatable {
    /// The text shown for strings; the number's plain form for numbers.
    var text: String
    /// The numeric value of a number cell.
    var number: Double?
    /// Whether the cell's style shows a date.
    var isDate: Bool
}
