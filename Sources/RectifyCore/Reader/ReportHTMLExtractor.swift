import Foundation

/// Pulls the article text out of a saved web page: markup and scripts go, entities are decoded,
/// block elements become line breaks, and navigation, headers, footers and sidebars are
/// skipped whole because they are site chrome, not report.
enum ReportHTMLExtractor {
    /// Elements whose whole content is dropped.
    static let skippedElements: Set<String> = [
        "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "select", "button",
        "iframe", "svg", "template", "head", "object", "canvas", "menu",
    ]
    /// Elements that end a line.
    static let blockElements: Set<String> = [
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table",
        "ul", "ol", "blockquote", "pre", "dd", "dt", "dl", "hr", "main", "center", "body", "html", "tbody",
        "thead", "figure", "figcaption", "address",
    ]
    static let entities: [String: String] = [
        "nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "ldquo": "“", "rdquo": "”",
        "lsquo": "‘", "rsquo": "’", "mdash": "—", "ndash": "–", "hellip": "…", "middot": "·", "emsp": " ",
        "ensp": " ", "thinsp": " ", "times": "×", "bull": "•", "copy": "©", "reg": "®", "laquo": "«", "raquo": "»",
    ]

    static func text(fromHTML html: String) -> String {
        let scalars = Array(html.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        let count = scalars.count

        func lowercasedName(from start: Int) -> (String, Int) {
            var end = start
            var name = ""
            while end < count, scalars[end].properties.isAlphabetic || ("0"..."9").contains(scalars[end]) {
                name.unicodeScalars.append(scalars[end])
                end += 1
            }
            return (name.lowercased(), end)
        }

        func skipPast(_ marker: String, from start: Int) -> Int {
            let target = Array(marker.unicodeScalars)
            var position = start
            while position + target.count <= count {
                if Array(scalars[position..<position + target.count]) == target { return position + target.count }
                position += 1
            }
            return count
        }

        /// Index just past the `>` closing the tag that starts at `start`, honouring quoted attributes.
        func tagEnd(from start: Int) -> (end: Int, selfClosing: Bool) {
            var position = start
            var quote: Unicode.Scalar?
            while position < count {
                let scalar = scalars[position]
                if let open = quote {
                    if scalar == open { quote = nil }
                } else if scalar == "\"" || scalar == "'" {
                    quote = scalar
                } else if scalar == ">" {
                    return (position + 1, position > start && scalars[position - 1] == "/")
                }
                position += 1
            }
            return (count, false)
        }

        /// Index just past the element named `name` whose start tag ends at `start`, counting nesting.
        func elementEnd(_ name: String, from start: Int) -> Int {
            var depth = 1
            var position = start
            while position < count {
                if scalars[position] == "<" {
                    let closing = position + 1 < count && scalars[position + 1] == "/"
                    let (found, _) = lowercasedName(from: position + (closing ? 2 : 1))
                    if found == name {
                        let (end, selfClosing) = tagEnd(from: position)
                        if closing { depth -= 1 } else if !selfClosing { depth += 1 }
                        if depth == 0 { return end }
                        position = end
                        continue
                    }
                }
                position += 1
            }
            return count
        }

        while index < count {
            let scalar = scalars[index]
            if scalar == "<" {
                if index + 3 < count, scalars[index + 1] == "!", scalars[index + 2] == "-", scalars[index + 3] == "-" {
                    index = skipPast("-->", from: index + 4)
                    continue
                }
                if index + 1 < count, scalars[index + 1] == "!" || scalars[index + 1] == "?" {
                    index = tagEnd(from: index).end
                    continue
                }
                let closing = index + 1 < count && scalars[index + 1] == "/"
                let (name, _) = lowercasedName(from: index + (closing ? 2 : 1))
                if name.isEmpty {
                    output.append(scalar)
                    index += 1
                    continue
                }
                let (end, selfClosing) = tagEnd(from: index)
                if !closing && !selfClosing && skippedElements.contains(name) {
                    index = elementEnd(name, from: end)
                    output.append("\n")
                    continue
                }
                if blockElements.contains(name) { output.append("\n") }
                if name == "td" || name == "th" { output.append(" ") }
                index = end
                continue
            }
            if scalar == "&" {
                var end = index + 1
                while end < count, end - index <= 10, scalars[end] != ";", scalars[end] != "&", scalars[end] != "<" { end += 1 }
                if end < count, scalars[end] == ";" {
                    let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                    if let decoded = decodeEntity(name) {
                        output.append(contentsOf: decoded.unicodeScalars)
                        index = end + 1
                        continue
                    }
                }
                output.append(scalar)
                index += 1
                continue
            }
            // Source line breaks inside a paragraph are not paragraph breaks in HTML.
            output.append(scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : scalar)
            index += 1
        }
        return String(output)
    }

    static func decodeEntity(_ name: String) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst(1)).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        return entities[name.lowercased()]
    }
}
