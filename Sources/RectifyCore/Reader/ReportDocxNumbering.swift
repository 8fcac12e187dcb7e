import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The automatic numbering of a .docx (`word/numbering.xml`): it reproduces the label Word
/// shows before a numbered paragraph (`1.`, `一、`, `（1）`, `①`), which is not in the text itself.
final class ReportDocxNumbering: NSObject, XMLParserDelegate {
    struct Level {
        var format = "decimal"
        var text = "%1."
        var start = 1
    }

    private var abstractLevels: [String: [Int: Level]] = [:]
    private var numToAbstract: [String: String] = [:]
    private var counters: [String: [Int: Int]] = [:]

    // Parse state.
    private var currentAbstract: String?
    private var currentLevel: Int?
    private var currentNum: String?

    /// Parses numbering.xml; a part that does not parse throws like the document does.
    init(data: Data) throws {
        super.init()
        if let refusal = XMLPartCheck.refusal(data) {
            throw ReportReadError(kind: .badXML, part: "word/numbering.xml", expected: "UTF-8 编码的编号定义 XML", found: refusal)
        }
        let parser = XMLParser(data: data)
        parser.delegate = self
        // FoundationXML on Linux may return true from parse() and still record the error.
        if !parser.parse() || parser.parserError != nil {
            throw ReportReadError(kind: .badXML, line: parser.lineNumber, part: "word/numbering.xml",
                                  expected: "格式正确的编号定义 XML", found: parser.parserError?.localizedDescription)
        }
    }

    override init() {
        super.init()
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        let name = ReportDocxNumbering.localName(elementName)
        let value = ReportDocxNumbering.attribute("val", in: attributes)
        switch name {
        case "abstractNum":
            currentAbstract = ReportDocxNumbering.attribute("abstractNumId", in: attributes)
        case "lvl":
            if let abstract = currentAbstract, let level = ReportDocxNumbering.attribute("ilvl", in: attributes).flatMap(Int.init),
               ReportDocxNumbering.levels.contains(level) {
                currentLevel = level
                abstractLevels[abstract, default: [:]][level] = Level()
            }
        case "numFmt":
            if let abstract = currentAbstract, let level = currentLevel, let value {
                abstractLevels[abstract]?[level]?.format = value
            }
        case "lvlText":
            if let abstract = currentAbstract, let level = currentLevel, let value {
                abstractLevels[abstract]?[level]?.text = value
            }
        case "start":
            if let abstract = currentAbstract, let level = currentLevel, let start = value.flatMap(Int.init) {
                abstractLevels[abstract]?[level]?.start = min(max(start, ReportDocxNumbering.starts.lowerBound),
                                                              ReportDocxNumbering.starts.upperBound)
            }
        case "num":
            currentNum = ReportDocxNumbering.attribute("numId", in: attributes)
        case "abstractNumId":
            if let num = currentNum, let value { numToAbstract[num] = value }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch ReportDocxNumbering.localName(elementName) {
        case "abstractNum": currentAbstract = nil
        case "lvl": currentLevel = nil
        case "num": currentNum = nil
        default: break
        }
    }

    /// The label for the next paragraph numbered `numId` at `level`; advances the counters.
    /// Bullets and unknown lists give an empty label so that the paragraph text stays intact.
    func nextLabel(numId: String, level: Int) -> String {
        guard numId != "0", let abstract = numToAbstract[numId], let levels = abstractLevels[abstract],
              let definition = levels[level] else { return "" }
        var counter = counters[numId, default: [:]]
        counter[level] = (counter[level] ?? (definition.start - 1)) + 1
        for deeper in counter.keys where deeper > level { counter[deeper] = nil }
        counters[numId] = counter
        if definition.format == "bullet" || definition.format == "none" { return "" }
        var label = definition.text
        for (lvl, levelDefinition) in levels {
            let placeholder = "%\(lvl + 1)"
            guard label.contains(placeholder) else { continue }
            let value = counter[lvl] ?? levelDefinition.start
            label = label.replacingOccurrences(of: placeholder, with: ReportDocxNumbering.format(value, as: levelDefinition.format))
        }
        return label
    }

    /// Word's list levels (`w:ilvl` 0–8); other levels are ignored.
    static let levels = 0...8
    /// Word accepts start values 0–32767; clamping keeps the counters far from overflow.
    static let starts = 0...32_767

    static func format(_ value: Int, as format: String) -> String {
        guard value >= 0 else { return String(value) }
        switch format {
        case "chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting",
             "taiwaneseCounting", "ideographLegalTraditional":
            return ReaderNumerals.chineseText(value)
        case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
            let digits = Array("〇一二三四五六七八九")
            return String(String(value).compactMap { $0.wholeNumberValue.map { digits[$0] } })
        case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
            return (1...20).contains(value) ? String(Character(Unicode.Scalar(0x245F + UInt32(value))!)) : "(\(value))"
        case "decimalEnclosedParen":
            return "(\(value))"
        case "lowerLetter", "upperLetter":
            guard value > 0 else { return String(value) }
            let letter = String(Character(Unicode.Scalar(UInt32(96 + ((value - 1) % 26 + 1)))!))
            return format == "upperLetter" ? letter.uppercased() : letter
        case "lowerRoman", "upperRoman":
            // Roman numerals stop at 3999 (Word itself falls back to digits beyond).
            guard (1...3999).contains(value) else { return String(value) }
            let roman = romanNumeral(value)
            return format == "upperRoman" ? roman : roman.lowercased()
        case "decimalFullWidth", "decimalFullWidth2":
            return String(String(value).unicodeScalars.map { Character(Unicode.Scalar($0.value - 0x30 + 0xFF10)!) })
        case "decimalZero":
            return value < 10 ? "0\(value)" : String(value)
        default:
            return String(value)
        }
    }

    private static func romanNumeral(_ value: Int) -> String {
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = value
        var result = ""
        for (amount, symbol) in table {
            while rest >= amount {
                result += symbol
                rest -= amount
            }
        }
        return result
    }

    /// `w:p` → `p`: the prefix is whatever the document declared, usually `w`.
    static func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    static func attribute(_ name: String, in attributes: [String: String]) -> String? {
        attributes["w:\(name)"] ?? attributes[name] ?? attributes.first { localName($0.key) == name }?.value
    }
}
