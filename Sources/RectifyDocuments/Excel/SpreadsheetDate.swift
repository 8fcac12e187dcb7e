import Foundation
import RectifyCore

/// Conversions between `Day` and spreadsheet dates: serial numbers counted from 1899-12-30
/// (the 1900 date system) and the text forms people type.
public enum SpreadsheetDate {
    /// The serial number of 1970-01-01.
    static let unixEpochSerial = 25_569

    public static func serial(of day: Day) -> Int {
        day.dayNumber + unixEpochSerial
    }

    /// The day of a serial number (fractions, i.e. times of day, are dropped).
    public static func day(fromSerial serial: Double) -> Day? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        return Day(dayNumber: Int(serial.rounded(.down)) - unixEpochSerial)
    }

    /// Parses 2024-03-31, 2024-3-31, 2024/3/31, 2024.3.31 and 2024年3月31日 (full-width
    /// digits and separators allowed).
    public static func day(fromText text: String) -> Day? {
        var normalized = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: normalized.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0D, 0x2212, 0x2014, 0x2013: normalized += "-"
            case 0xFF0F: normalized += "/"
            case 0xFF0E, 0x3002: normalized += "."
            default:
                switch scalar {
                case "年", "月": normalized += "-"
                case "日", "号": continue
                case " ", "\u{3000}", "\t", "\n", "\r": continue
                default: normalized.unicodeScalars.append(scalar)
                }
            }
        }
        return Day(iso: normalized)
    }

    /// Whether a number format code shows a date (its y, m or d tokens outside quotes,
    /// escapes and bracketed sections, and no time tokens only).
    static func isDateFormat(id: Int, code: String?) -> Bool {
        switch id {
        case 14...22, 27...36, 45...47, 50...58: return true
        default: break
        }
        guard let code else { return false }
        var stripped = ""
        var inQuote = false
        var inBracket = false
        var escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            default:
                if !inQuote && !inBracket { stripped.append(character) }
            }
        }
        let lower = stripped.lowercased()
        return lower.contains("y") || lower.contains("d") || (lower.contains("m") && !lower.contains("h") && !lower.contains("s"))
    }
}
