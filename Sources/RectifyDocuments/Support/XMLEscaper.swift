import Foundation

/// Escapes text for XML element content and attribute values, dropping the control characters
/// that XML 1.0 forbids. Typographic characters (“” 《》 〔〕 ①) pass through unchanged.
enum XMLEscaper {
    static func escape(_ text: String) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&", "<", ">", "\"", "'": needsWork = true
            default:
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { needsWork = true }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { needsWork = true }
            }
            if needsWork { break }
        }
        guard needsWork else { return text }
        var result = String.UnicodeScalarView()
        result.reserveCapacity(text.unicodeScalars.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result.append(contentsOf: "&amp;".unicodeScalars)
            case "<": result.append(contentsOf: "&lt;".unicodeScalars)
            case ">": result.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": result.append(contentsOf: "&quot;".unicodeScalars)
            case "'": result.append(contentsOf: "&apos;".unicodeScalars)
            default:
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.append(scalar)
            }
        }
        return String(result)
    }
}
