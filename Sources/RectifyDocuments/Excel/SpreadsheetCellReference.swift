import Foundation

/// A1-style cell references: column letters and 1-based row numbers.
enum SpreadsheetCellReference {
    /// 0 → "A", 25 → "Z", 26 → "AA".
    static func letters(forColumn index: Int) -> String {
        var number = index + 1
        var scalars: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            scalars.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(scalars.reversed())
    }

    /// Excel's limits: columns A…XFD, rows 1…1,048,576.
    static let columnCount = 16_384
    static let rowCount = 1_048_576

    /// "B12" → (column: 1, row: 12); nil when the reference is malformed or beyond Excel's grid
    /// (which also keeps the arithmetic far from overflow on a damaged file).
    static func parse(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0
        var row = 0
        var sawLetter = false
        var sawDigit = false
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where !sawDigit:
                column = column * 26 + Int(byte - UInt8(ascii: "A") + 1); sawLetter = true
            case UInt8(ascii: "a")...UInt8(ascii: "z") where !sawDigit:
                column = column * 26 + Int(byte - UInt8(ascii: "a") + 1); sawLetter = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                row = row * 10 + Int(byte - UInt8(ascii: "0")); sawDigit = true
            default: return nil
            }
            if column > columnCount || row > rowCount { return nil }
        }
        guard sawLetter, sawDigit, row > 0 else { return nil }
        return (column - 1, row)
    }
}
