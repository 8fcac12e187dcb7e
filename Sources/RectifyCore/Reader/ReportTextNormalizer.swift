import Foundation

/// Maps full-width and typographic punctuation to one internal form so that patterns need
/// not list every variant. Each scalar maps to exactly one BMP scalar, so a normalized line has
/// the same UTF-16 length as the original and a match's range quotes the original unchanged.
enum ReportTextNormalizer {
    private static let map: [UInt32: Unicode.Scalar] = {
        var map: [UInt32: Unicode.Scalar] = [:]
        let pairs: [(String, Unicode.Scalar)] = [
            ("（", "("), ("）", ")"), ("：", ":"), ("，", ","), ("；", ";"), ("！", "!"), ("？", "?"),
            ("％", "%"), ("＃", "#"), ("＋", "+"), ("／", "/"), ("＜", "<"), ("＞", ">"),
            ("［", "["), ("］", "]"), ("｛", "{"), ("｝", "}"),
            ("“", "\""), ("”", "\""), ("„", "\""), ("〝", "\""), ("〞", "\""), ("＂", "\""), ("「", "\""), ("」", "\""),
            ("『", "\""), ("』", "\""), ("‘", "'"), ("’", "'"), ("＇", "'"), ("`", "'"), ("´", "'"),
            ("－", "—"), ("～", "—"), ("~", "—"), ("–", "—"), ("―", "—"), ("‒", "—"), ("─", "—"), ("﹣", "—"),
            ("\u{3000}", " "), ("\u{00A0}", " "), ("\t", " "), ("\u{200B}", " "), ("\u{FEFF}", " "),
            ("．", "."), ("｡", "。"),
        ]
        for (from, to) in pairs { map[from.unicodeScalars.first!.value] = to }
        // Full-width digits and Latin letters.
        for offset in 0..<10 { map[0xFF10 + UInt32(offset)] = Unicode.Scalar(0x30 + UInt32(offset))! }
        for offset in 0..<26 {
            map[0xFF21 + UInt32(offset)] = Unicode.Scalar(0x41 + UInt32(offset))!
            map[0xFF41 + UInt32(offset)] = Unicode.Scalar(0x61 + UInt32(offset))!
        }
        return map
    }()

    static func normalize(_ line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        // Built as UTF-8 bytes: appending scalar by scalar to a String was a tenth of reading a report.
        var result: [UInt8] = []
        result.reserveCapacity(line.utf8.count)
        var labelPrefix = true  // only digits so far: a `.` here ends a `1.` label, not a sentence
        for (index, scalar) in scalars.enumerated() {
            var mapped = mapping(scalar)
            if mapped == "." {
                let previous = index > 0 ? mapping(scalars[index - 1]) : " "
                let next = index + 1 < scalars.count ? mapping(scalars[index + 1]) : " "
                let decimal = isDigit(previous) && isDigit(next)
                // `1.` at the start of a line is a label; a `.` elsewhere ends an ASCII-punctuated sentence.
                if !decimal && !(labelPrefix && isDigit(previous)) && !isASCIIWordCharacter(next) {
                    mapped = "。"
                }
            }
            if !isDigit(mapped) && mapped != " " { labelPrefix = false }
            let value = mapped.value
            switch value {
            case 0..<0x80:
                result.append(UInt8(value))
            case 0x80..<0x800:
                result.append(UInt8(0xC0 | (value >> 6)))
                result.append(UInt8(0x80 | (value & 0x3F)))
            case 0x800..<0x10000:
                result.append(UInt8(0xE0 | (value >> 12)))
                result.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                result.append(UInt8(0x80 | (value & 0x3F)))
            default:
                result.append(UInt8(0xF0 | (value >> 18)))
                result.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
                result.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                result.append(UInt8(0x80 | (value & 0x3F)))
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    @inline(__always)
    private static func mapping(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if isUnmapped(value) { return scalar }
        switch value {
        case 0xFF0C: return ","
        case 0xFF1A: return ":"
        case 0xFF1B: return ";"
        case 0xFF08: return "("
        case 0xFF09: return ")"
        case 0x201C, 0x201D: return "\""
        case 0x3001, 0x3002, 0x300A, 0x300B: return scalar  // 、。《》
        default: return map[value] ?? scalar
        }
    }

    /// Outer quotes removed, inner quotes of any shape written as ASCII `'`.
    static func title(_ text: String) -> String {
        var scalars = Array(ReportLine.trimmed(text).unicodeScalars)
        if scalars.count >= 2, isQuote(scalars.first!), isQuote(scalars.last!) {
            scalars.removeFirst()
            scalars.removeLast()
        }
        var view = String.UnicodeScalarView()
        for scalar in scalars { view.append(isQuote(scalar) ? "'" : scalar) }
        return ReportLine.trimmed(String(view))
    }

    static func isQuote(_ scalar: Unicode.Scalar) -> Bool {
        let mapped = map[scalar.value] ?? scalar
        return mapped == "\"" || mapped == "'"
    }

    /// CJK ideographs and ASCII other than the few mapped characters map to themselves: most of a
    /// report's text skips the table (hashing every scalar was a tenth of reading a report).
    @inline(__always)
    private static func isUnmapped(_ value: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(value) || (value < 0x80 && value != 0x2E && value != 0x7E && value != 0x60 && value != 0x09)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isASCIIWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || isDigit(scalar)
    }
}
