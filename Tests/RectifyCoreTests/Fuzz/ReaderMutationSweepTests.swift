import Foundation
import Testing
import ZIPFoundation
@testable import RectifyCore

/// Seeded mutation testing of the report reader and checker, 20,000 inputs strong: excerpts of the
/// seed report and small hand-written reports with line and byte damage, headings, numbers and
/// dates put in at random, full-width/ASCII punctuation swapped, invalid UTF-8 and GB18030,
/// UTF-16, ZIP garbage named .docx, built and damaged .docx files with odd list numbering, and
/// HTML fragments named .html. Each must be read into a report or refused with a
/// `ReportReadError` — never a crash, never another error — and every report read must pass the
/// checker with sane findings (see `verify`).
///
/// Input `i` comes from its own generator, seeded with `masterSeed` and `i`, so it reproduces
/// alone: `ReaderMutationSweepTests.input(i, corpus:)`. To find the input behind a crash, run with
/// `RECTIFY_FUZZ_LAST_INPUT=/tmp/last` (each batch writes its current input to `/tmp/last-<batch>`
/// and a description to `/tmp/last-<batch>.txt` before reading it) and then with
/// `RECTIFY_FUZZ_ONLY=<i>` to run that input alone.
///
/// Crashes found here and by the libFuzzer harness (Fuzz/) are kept as regression tests in
/// `ReaderMutationRegressionTests.swift` and `DamagedArchiveTests.swift`.
///
/// The sweep does not touch a database, so the suite's second run (on PostgreSQL) skips it.
@Suite struct ReaderMutationSweepTests {
    static let masterSeed: UInt64 = 0x4633_3255_96BD_120B
    static let onTheEmbeddedDatabaseRun = ProcessInfo.processInfo.environment["RECTIFY_TEST_DATABASE_URL"] == nil
    static let inputCount = 20_000
    static let batchCount = 8
    /// A debug build reads most inputs in a few milliseconds; one that takes this long is a hang.
    static let slowInputSeconds = 10.0

    // MARK: Material

    /// Short reports in other shapes than the seed (a few lines each, so cheap to read).
    static let handWritten: [String] = [
        VariantReportTests.numberedAbout, VariantReportTests.feedbackLabelled,
        VariantReportTests.summaryOnly, VariantReportTests.irregular,
        """
        按照县委统一部署，2023年5月8日至6月30日，县委第一巡察组对县水利局党组开展了常规巡察。2023年8月2日，县委第一巡察组向县水利局党组反馈了巡察意见。
        截至2024年3月31日，巡察反馈的4个问题已完成整改3个，整改完成率75%；细化整改措施6条，制定完善制度3项；问责处理5人（其中：科级干部2人、一般干部3人）。
        一、巡察反馈问题整改情况（共4个）
        （一）已完成整改的问题
        1.关于“水利工程资金拨付滞后”问题（已完成整改）
        整改情况：①2023年9月12日，拨付资金860万元。②2023年10月，印发《水利工程资金管理办法》（县水字〔2023〕12号）。
        2.关于“河道采砂监管不力”问题（已完成整改）
        整改情况：一是开展专项整治行动3次，查处非法采砂12起；二是对2名责任人进行了诫勉谈话。
        3.关于“会议学习流于形式”问题（已完成整改）
        整改情况：组织集中学习8次，召开专题会议2次。
        （二）正在整改的问题
        1.关于“农村饮水安全工程管护不到位”问题
        整改情况：正在整改。已完成12处供水设施维修，下一步将建立长效管护机制。
        二、举一反三、自查自纠问题整改情况
        问题1：档案管理不规范。整改情况：已完成整改。补齐档案资料215份。
        中共某县水利局党组
        二〇二四年四月八日
        """,
        """
        根据市委巡察工作安排,2022年3月1日—4月30日,市委第六巡察组对市教育局党组开展了巡察.2022年6月10日,巡察组反馈了意见.
        一,巡察反馈问题整改情况
        (1)关于"校园安全隐患排查不彻底"问题(整改中)
        整改情况:①2022年7月,排查隐患45处.③2022年12月25日、30日,完成整改38处,追回资金3.2万元.
        (2)关于"教师培训经费使用不规范"问题(已完成)
        整改情况:2021年以来,清退违规培训费用12万元,对3名相关责任人进行了批评教育.2022年第三季度完成审计.
        (2)关于"重复编号"问题
        截至2023年1月31日,已完成整改2个.
        【打印本页】
        中共某市教育局党组
        2023年2月8日
        相关文章
        """,
    ]

    /// Inserted at the start of a line.
    static let headings = ["一、", "二、", "十二、", "九十九、", "一百零五、", "（一）", "（二十）", "(三)", "1.", "2、", "10.", "999.",
                           "0.", "（1）", "(2)", "（100）", "(0)", "①", "⑳", "一是", "二是", "第一，", "1．", "１．", "Ⅰ.", "一.", " 3 、"]
    /// Inserted anywhere.
    static let fragments = [
        "2024年", "2024年4月30日", "2023年7月31日至9月28日", "2024年2月30日", "2023年13月", "2023年3月—5月", "12月25日",
        "11月21日、30日", "、30日", "第三季度", "2023年第一、二季度", "2023年度", "2021年以来", "截至2024年6月30日", "截止到2024年",
        "3个", "30个具体问题", "已完成整改28个", "整改完成率为93.3%", "完成率100％", "8.6万元", "144.3241万元", "追回资金12.5万元",
        "问责处理4人（其中：处级1人、科级3人）", "对2名责任人", "3名干部", "多名党员干部", "〔2024〕3号", "赣市字[2023]18号",
        "《管理办法》", "《》", "《", "》", "共5个", "召开3次", "0", "00", "9999", "1.5", "．", ".", "二〇二四年", "十二月", "正在", "尚未",
        "已完成整改", "整改情况：", "巡察", "反馈", "“", "”", "‘", "’", "\"", "（", "）", "(", ")", "：", "，", "。", "；", "、", "\t",
        "\u{3000}", "\u{200B}", "\u{FEFF}", "\u{00A0}", "\u{2028}", "\u{0C}", "\r", "\r\n", "\n", "\u{85}", "😀", "e\u{301}",
    ]
    /// Whole lines inserted between others.
    static let structuralLines = [
        "（9）关于“新增的问题”问题（已完成整改）", "关于“没有编号的问题”问题", "问题3：资金管理不规范。整改情况：已完成整改。",
        "反馈问题：制度不健全", "巡察反馈问题2:台账不全", "整改情况：已完成整改。", "整改情况：", "整改情况：正在整改。", "二、举一反三问题整改情况（共3个）",
        "（二）未完成整改的问题（共2个）", "（三）市委书记专题会交办事项整改情况", "欢迎广大干部群众监督。", "中共某某局党组", "2024年8月20日",
        "二〇二四年八月二十日", "2024 年 13 月 40 日", "相关文章", "上一篇：某某", "分享到：", "发布时间：2024-08-20", "关于“”问题",
        "关于问题", "关于“x", "一、", "（一）", "1.", "①", "", " ", "\u{3000}\u{3000}", "。", "关于“" + String(repeating: "长", count: 90) + "”问题",
    ]
    static let chineseDigits = Array("一二三四五六七八九十百零〇两")
    static let fullWidthPairs: [(Character, Character)] = [
        ("（", "("), ("）", ")"), ("：", ":"), ("，", ","), ("；", ";"), ("。", "."), ("“", "\""), ("”", "\""),
        ("‘", "'"), ("’", "'"), ("、", ","), ("！", "!"), ("？", "?"), ("％", "%"), ("１", "1"), ("．", "."),
    ]
    static let badSequences: [[UInt8]] = [
        [0xFF], [0xFE], [0x80], [0xC0, 0x80], [0xC3], [0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF0, 0x9F, 0x98], [0x81], [0x81, 0x30], [0x81, 0x30, 0x81, 0x30], [0x84, 0x31, 0xA4, 0x39], [0xA1, 0xA1],
        [0xFE, 0xFE], [0xD6, 0xD0], [0xB9, 0xFA], [0x00], [0x1B], [0x08], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF],
    ]
    static let htmlFragments = [
        "<p>", "</p>", "<br/>", "<br>", "<div>", "</div>", "<script>", "</script>", "<!--", "-->", "<style", "<div class=\"a",
        "'", "\"", "&nbsp;", "&#x4E00;", "&#12288;", "&#xD800;", "&#0;", "&#x110000;", "&#99999999999;", "&#x;", "&#;", "&amp",
        "&unknown;", "&ldquo;", "<td>", "<th>", "<nav><nav>", "</nav>", "<!DOCTYPE html>", "<?xml version=\"1.0\"?>", "<a href='x>",
        "<", ">", "</", "<![CDATA[", "<p/>", "<SCRIPT>", "<svg><svg/>", "<header", "<head>", "<body>", "<html>", "<template>",
        "<li>", "<h2>", "</h2>", "<p style=\"x>y\">", "<!>", "<?", "<9>", "< p>", "<ｐ>", "<p\n>",
    ]
    static let xmlFragments = [
        "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:br/>", "<w:tab/>", "<w:cr/>", "<mc:Fallback>", "</mc:Fallback>",
        "&amp;", "&bogus;", "<", ">", "&#0;", "&#x1F600;", "<w:p/>", "<w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr>",
        "<w:ilvl w:val=\"x\"/>", "<w:numId w:val=\"\"/>", "<!-- c -->", "<![CDATA[<w:t>]]>", "\u{0}",
    ]
    static let numberFormats = [
        "decimal", "chineseCounting", "chineseCountingThousand", "ideographTraditional", "ideographDigital",
        "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "decimalEnclosedParen", "lowerLetter", "upperLetter",
        "lowerRoman", "upperRoman", "decimalFullWidth", "decimalZero", "bullet", "none", "bogus",
    ]
    static let levelTexts = ["%1.", "（%1）", "%1、", "%2.%1", "%1.%2.%3", "%9", "", "%1%1%1", "第%1条", "%"]
    /// Starting values of Word lists; extreme ones are in the regression tests, not here.
    static let levelStarts = ["1", "0", "2", "5", "19", "20", "21", "99", "100", "999", "3999", "x", ""]

    struct Corpus: Sendable {
        var seedLines: [String]
        var variants: [[String]]
        var docxTemplate: Data
        var gbTemplate: Data
    }

    static let loadedCorpus: Result<Corpus, any Error> = Result {
        let seed = try SeedLocator.text()
        let variants = handWritten.map { $0.components(separatedBy: "\n") }
        return Corpus(seedLines: seed.components(separatedBy: "\n"), variants: variants,
                      docxTemplate: try docx(paragraphs: variants[4].map(paragraphXML), numbering: nil),
                      gbTemplate: try TestDocuments.gb18030(handWritten[1]))
    }

    // MARK: Inputs

    struct Input: Sendable {
        var kind: String
        var data: Data
        var fileName: String?
        var format: ReportFormat?
        /// Set when the input goes through `read(text:)`.
        var text: String?

        var summary: String {
            "\(kind), \(text.map { "text of \($0.utf16.count) UTF-16 units" } ?? "\(data.count) bytes"), name \(fileName ?? "nil"), format \(format.map(\.rawValue) ?? "nil")"
        }
    }

    static func input(_ index: Int, corpus: Corpus) -> Input {
        var rng = SeededGenerator(seed: masterSeed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
        var input: Input
        switch rng.below(100) {
        case 0..<36:
            var lines = seedExcerpt(corpus.seedLines, &rng)
            mutate(&lines, &rng)
            input = Input(kind: "seed excerpt", data: Data(lines.joined(separator: rng.pick(["\n", "\n", "\r\n", "\r"])).utf8))
        case 36..<56:
            var lines = rng.pick(corpus.variants)
            mutate(&lines, &rng)
            input = Input(kind: "variant", data: Data(lines.joined(separator: "\n").utf8))
        case 56..<62:
            var lines = rng.chance(50) ? rng.pick(corpus.variants) : seedExcerpt(corpus.seedLines, &rng)
            mutate(&lines, &rng)
            let data = (try? TestDocuments.gb18030(lines.joined(separator: "\n"))) ?? corpus.gbTemplate
            input = Input(kind: "GB18030", data: data)
        case 62..<66:
            input = Input(kind: "random bytes", data: randomBytes(rng.inRange(0...600), &rng),
                          fileName: rng.pick([nil, "a.txt", "a.docx", "a.html", "a"]))
        case 66..<76:
            input = docxInput(corpus, &rng)
        case 76..<88:
            input = htmlInput(corpus, &rng)
        case 88..<92:
            var lines = rng.pick(corpus.variants)
            mutate(&lines, &rng)
            let text = lines.joined(separator: "\n")
            let data = rng.chance(70) ? (text.data(using: .utf16) ?? Data()) : Data(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            input = Input(kind: "UTF-16", data: data)
        default:
            var lines = rng.chance(50) ? rng.pick(corpus.variants) : seedExcerpt(corpus.seedLines, &rng)
            mutate(&lines, &rng)
            return Input(kind: "read(text:)", data: Data(), text: lines.joined(separator: "\n"))
        }
        if input.kind != "random bytes" && rng.chance(22) { damage(&input.data, &rng) }
        if rng.chance(8) {
            input.fileName = rng.pick([nil, "r.txt", "r.TXT", "r.md", "r.docx", "r.html", "r.htm", "r.xhtml", "r", ".docx", "r.pdf"])
            input.format = rng.pick([nil, nil, .text, .docx, .html])
        }
        return input
    }

    /// The opening paragraph, some headings, one to a few problems (long lines cropped) and
    /// sometimes the closing lines: a few kilobytes instead of the seed's sixty.
    static func seedExcerpt(_ seed: [String], _ rng: inout SeededGenerator) -> [String] {
        guard seed.count > 12 else { return seed }
        var lines: [String] = []
        if rng.chance(90) { lines.append(seed[0]) }
        if rng.chance(60) { lines += seed[1..<3] }
        if rng.chance(50) { lines.append(seed[7]) }
        let start = rng.inRange(1...(seed.count - 2))
        let end = min(seed.count, start + rng.inRange(1...7))
        lines += seed[start..<end]
        if rng.chance(40) { lines += seed.suffix(4) }
        return lines.map { line in
            guard line.utf16.count > 400, rng.chance(80) else { return line }
            let characters = Array(line)
            let length = rng.inRange(60...400)
            let from = rng.chance(50) ? 0 : rng.below(characters.count - length)
            return String(characters[from..<(from + length)])
        }
    }

    static func randomDigits(_ rng: inout SeededGenerator) -> String {
        String((0..<rng.inRange(1...30)).map { _ in Character(String(rng.below(10))) })
    }

    static func randomChineseNumber(_ rng: inout SeededGenerator) -> String {
        String((0..<rng.inRange(1...6)).map { _ in rng.pick(chineseDigits) })
    }

    static func mutate(_ lines: inout [String], _ rng: inout SeededGenerator) {
        for _ in 0..<rng.inRange(1...7) {
            guard !lines.isEmpty else {
                lines.append(rng.pick(structuralLines))
                continue
            }
            let i = rng.below(lines.count)
            switch rng.below(13) {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[i], at: i)
            case 2:  // splice a piece of another line in
                let donor = Array(lines[rng.below(lines.count)])
                var chars = Array(lines[i])
                if !donor.isEmpty {
                    let from = rng.below(donor.count)
                    let piece = donor[from..<min(donor.count, from + rng.inRange(1...80))]
                    chars.insert(contentsOf: piece, at: rng.below(chars.count + 1))
                    lines[i] = String(chars)
                }
            case 3:  // full-width ↔ ASCII punctuation
                let toASCII = rng.chance(50)
                let map = Dictionary(fullWidthPairs.map { toASCII ? ($0.0, $0.1) : ($0.1, $0.0) }, uniquingKeysWith: { first, _ in first })
                lines[i] = String(lines[i].map { map[$0] ?? $0 })
            case 4: lines[i] = String(lines[i].prefix(rng.below(lines[i].count + 1)))
            case 5:  // a heading at the start
                let heading: String
                switch rng.below(6) {
                case 0: heading = randomChineseNumber(&rng) + rng.pick(["、", "，", "."])
                case 1: heading = "（" + randomChineseNumber(&rng) + "）"
                case 2: heading = "(" + String(rng.below(1200)) + ")"
                case 3: heading = String(rng.below(1200)) + rng.pick([".", "、", "．"])
                default: heading = rng.pick(headings)
                }
                lines[i] = heading + (rng.chance(30) ? rng.pick(structuralLines) : lines[i])
            case 6, 7:  // a number or a date anywhere
                let fragment: String
                switch rng.below(5) {
                case 0: fragment = randomDigits(&rng) + rng.pick(["", "个", "人", "%", "万元", "年", "月", "日", "年4月30日", "次", "条"])
                case 1: fragment = String(rng.inRange(1900...2100)) + "年" + String(rng.below(14)) + "月" + String(rng.below(33)) + "日"
                default: fragment = rng.pick(fragments)
                }
                var chars = Array(lines[i])
                chars.insert(contentsOf: fragment, at: rng.below(chars.count + 1))
                lines[i] = String(chars)
            case 8: lines.swapAt(i, rng.below(lines.count))
            case 9: lines.insert(rng.pick(structuralLines), at: i)
            case 10: lines.removeSubrange(rng.below(lines.count + 1)...)
            case 11: lines.insert(String(repeating: rng.pick([" ", "\u{3000}", "\t", ""]), count: rng.below(4)), at: i)
            default:
                var chars = Array(lines[i])
                if !chars.isEmpty { chars.remove(at: rng.below(chars.count)) }
                lines[i] = String(chars)
            }
        }
    }

    static func randomBytes(_ count: Int, _ rng: inout SeededGenerator) -> Data {
        Data((0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
    }

    /// Byte damage: flips, deletions, duplications, truncation, invalid UTF-8 and GB18030 sequences.
    static func damage(_ data: inout Data, _ rng: inout SeededGenerator) {
        for _ in 0..<rng.inRange(1...4) {
            guard !data.isEmpty else { return }
            let at = rng.below(data.count)
            switch rng.below(6) {
            case 0: for _ in 0..<rng.inRange(1...8) { data[data.startIndex + rng.below(data.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            case 1: data.removeSubrange(data.startIndex + at..<data.startIndex + min(data.count, at + rng.inRange(1...64)))
            case 2:
                let piece = data.subdata(in: data.startIndex + at..<data.startIndex + min(data.count, at + rng.inRange(1...200)))
                data.insert(contentsOf: piece, at: data.startIndex + rng.below(data.count + 1))
            case 3: data = data.prefix(at)
            case 4: data.insert(contentsOf: rng.pick(badSequences), at: data.startIndex + at)
            default: data[data.startIndex + at] ^= UInt8(1 << rng.below(8))
            }
        }
    }

    // MARK: .docx and .html

    static func paragraphXML(_ line: String) -> String {
        "<w:p><w:r><w:t xml:space=\"preserve\">\(TestDocuments.escapeXML(line))</w:t></w:r></w:p>"
    }

    /// A stored (uncompressed) .docx: quick to build for every input.
    static func docx(paragraphs: [String], numbering: String?) throws -> Data {
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("word/document.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
            xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>
            \(paragraphs.joined(separator: "\n"))
            </w:body></w:document>
            """)
        if let numbering { try add("word/numbering.xml", numbering) }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    static func numberingXML(_ rng: inout SeededGenerator) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
        for abstract in 0..<rng.inRange(1...3) {
            xml += #"<w:abstractNum w:abstractNumId="\#(abstract)">"#
            for level in 0..<rng.inRange(1...9) {
                xml += #"<w:lvl w:ilvl="\#(level)"><w:start w:val="\#(rng.pick(levelStarts))"/><w:numFmt w:val="\#(rng.pick(numberFormats))"/>"#
                xml += #"<w:lvlText w:val="\#(rng.pick(levelTexts))"/></w:lvl>"#
            }
            xml += "</w:abstractNum>"
        }
        for num in 0..<rng.inRange(1...4) {
            xml += #"<w:num w:numId="\#(num)"><w:abstractNumId w:val="\#(rng.below(4))"/></w:num>"#
        }
        return xml + "</w:numbering>"
    }

    static func docxInput(_ corpus: Corpus, _ rng: inout SeededGenerator) -> Input {
        switch rng.below(10) {
        case 0, 1:
            var data = Data([0x50, 0x4B, 0x03, 0x04])
            data += randomBytes(rng.inRange(0...400), &rng)
            return Input(kind: "ZIP-like garbage", data: data, fileName: "report.docx")
        case 2, 3:
            var data = corpus.docxTemplate
            damage(&data, &rng)
            return Input(kind: "damaged .docx", data: data, fileName: "report.docx")
        default:
            var lines = rng.pick(corpus.variants)
            mutate(&lines, &rng)
            var paragraphs = lines.map { line -> String in
                guard rng.chance(25) else { return paragraphXML(line) }
                let numId = rng.pick(["0", "1", "2", "3", "9", "", "x"])
                let level = rng.pick(["0", "0", "1", "2", "8", "9", "-1", "x"])
                let numbered = #"<w:p><w:pPr><w:numPr><w:ilvl w:val="\#(level)"/><w:numId w:val="\#(numId)"/></w:numPr></w:pPr>"#
                return numbered + "<w:r><w:t>\(TestDocuments.escapeXML(line))</w:t><w:br/><w:tab/></w:r></w:p>"
            }
            for _ in 0..<rng.below(4) where !paragraphs.isEmpty {
                let i = rng.below(paragraphs.count)
                var chars = Array(paragraphs[i])
                chars.insert(contentsOf: rng.pick(xmlFragments), at: rng.below(chars.count + 1))
                paragraphs[i] = String(chars)
            }
            let numbering = rng.chance(70) ? numberingXML(&rng) : nil
            let data = (try? docx(paragraphs: paragraphs, numbering: numbering)) ?? corpus.docxTemplate
            return Input(kind: "built .docx", data: data, fileName: "report.docx")
        }
    }

    static func htmlInput(_ corpus: Corpus, _ rng: inout SeededGenerator) -> Input {
        var lines = rng.pick(corpus.variants)
        mutate(&lines, &rng)
        let html: String
        if rng.chance(70) {
            html = TestDocuments.html(lines: lines)
        } else {
            // Tag soup: fragments and report lines in any order.
            html = (0..<rng.inRange(1...40)).map { _ in rng.chance(50) || lines.isEmpty ? rng.pick(htmlFragments) : rng.pick(lines) }.joined()
        }
        var data = Data(html.utf8)
        for _ in 0..<rng.below(6) {
            // Insert at a scalar boundary so that the page stays UTF-8.
            var at = rng.below(data.count + 1)
            while at < data.count, data[data.startIndex + at] & 0xC0 == 0x80 { at += 1 }
            data.insert(contentsOf: Data(rng.pick(htmlFragments).utf8), at: data.startIndex + at)
        }
        return Input(kind: "HTML", data: data, fileName: rng.chance(85) ? "page.html" : nil)
    }

    // MARK: Checking one input

    enum Outcome: Equatable {
        case read
        case refused(ReportReadError.Kind)
    }

    /// Reads, checks and verifies one input; nil (after recording an issue) when the reader threw
    /// anything but `ReportReadError`.
    static func run(_ input: Input, index: Int) -> Outcome? {
        let reader = ReportReader()
        let report: ReadReport
        do {
            if let text = input.text {
                report = try reader.read(text: text)
            } else {
                report = try reader.read(data: input.data, fileName: input.fileName, format: input.format)
            }
        } catch let error as ReportReadError {
            if let line = error.line, line < 1 { Issue.record("input \(index) (\(input.summary)): error on line \(line): \(error)") }
            return .refused(error.kind)
        } catch {
            Issue.record("input \(index) (\(input.summary)): threw \(type(of: error)), not ReportReadError: \(error)")
            return nil
        }
        verify(report, input: input, index: index)
        if index % 50 == 0 {
            let again = input.text.map { try? reader.read(text: $0) }
                ?? (try? reader.read(data: input.data, fileName: input.fileName, format: input.format))
            if again != report { Issue.record("input \(index) (\(input.summary)): a second read differs from the first") }
        }
        if index % 20 == 0 {
            do {
                let json = try JSONEncoder().encode(report)
                let decoded = try JSONDecoder().decode(ReadReport.self, from: json)
                if decoded != report { Issue.record("input \(index) (\(input.summary)): report changes through JSON") }
            } catch {
                Issue.record("input \(index) (\(input.summary)): report does not round-trip through JSON: \(error)")
            }
        }
        return .read
    }

    /// The highest line number the source can have, for text and HTML (nil for .docx). Note that
    /// `ReadReport.lineCount` is no such bound: it counts the non-blank lines kept, while
    /// locations are numbered in the source, blank lines and site chrome included.
    static func lineBound(_ input: Input, format: ReportFormat) -> Int? {
        let text: String
        if let given = input.text {
            text = given
        } else {
            guard format != .docx, let decoded = try? ReportTextDecoder.decode(input.data) else { return nil }
            text = format == .html ? ReportHTMLExtractor.text(fromHTML: decoded) : decoded
        }
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
    }

    static func verify(_ report: ReadReport, input: Input, index: Int) {
        func fail(_ message: String) { Issue.record("input \(index) (\(input.summary)): \(message)") }
        let bound = lineBound(input, format: report.format) ?? Int.max
        func check(_ location: ReportLocation, _ what: @autoclosure () -> String) {
            if location.line < 1 || location.line > bound || location.column < 1 {
                fail("\(what()) at \(location), outside lines 1...\(bound)")
            }
        }
        if report.lineCount < 1 || (bound != Int.max && report.lineCount > bound) { fail("lineCount \(report.lineCount), source has \(bound) lines") }
        var previousDepth = 0
        for section in report.sections {
            if section.depth < 1 || section.depth > previousDepth + 1 { fail("section \(section.label) at depth \(section.depth) after \(previousDepth)") }
            if section.title.isEmpty { fail("section \(section.label) without title") }
            if section.problemCount < 0 { fail("section \(section.label) with \(section.problemCount) problems") }
            check(section.location, "section \(section.label)")
            previousDepth = section.depth
        }
        for problem in report.problems {
            if problem.title.isEmpty { fail("problem \(problem.label) at \(problem.location) has an empty title") }
            if problem.title != problem.title.trimmingCharacters(in: .whitespaces) { fail("problem title not trimmed: \(problem.title)") }
            // A label may say 0 (`0.`, `(0)`); an unlabelled problem is counted from 1.
            if problem.number < 0 || (problem.labelStyle == .none && problem.number < 1) {
                fail("problem \(problem.label)“\(problem.title)” numbered \(problem.number)")
            }
            if let section = problem.sectionIndex, !report.sections.indices.contains(section) { fail("problem in section \(section) of \(report.sections.count)") }
            check(problem.location, "problem \(problem.reference)")
            for measure in problem.measures {
                check(measure.location, "measure of \(problem.reference)")
                if measure.location.line < problem.location.line { fail("measure at \(measure.location) above its problem at \(problem.location)") }
                if let number = measure.number, number < 0 { fail("measure numbered \(number)") }
                for fact in measure.facts { check(fact.location, "fact “\(fact.text)”") }
            }
        }
        for finding in ReportChecker().check(report) {
            if finding.message.isEmpty { fail("finding \(finding.rule) without a message") }
            if let quote = finding.quote { check(quote.location, "finding \(finding.rule)") }
            if let number = finding.problemNumber, !report.problems.contains(where: { $0.number == number && $0.source == finding.source }) {
                fail("finding \(finding.rule) names problem \(number), which the report does not list")
            }
        }
    }

    // MARK: The test

    @Test("20,000 mutated inputs are read or refused, never crash", .enabled(if: onTheEmbeddedDatabaseRun),
          .enabled(if: SeedLocator.isPresent, SeedLocator.skipped),
          arguments: 0..<batchCount)
    func mutatedInputsAreReadOrRefused(batch: Int) async throws {
        let corpus = try Self.loadedCorpus.get()
        let environment = ProcessInfo.processInfo.environment
        let lastInputPath = environment["RECTIFY_FUZZ_LAST_INPUT"]
        let only = environment["RECTIFY_FUZZ_ONLY"].flatMap(Int.init)
        var outcomes: [String: Int] = [:]
        var slowest = (index: -1, seconds: 0.0)
        let started = Date()
        for index in stride(from: batch, to: Self.inputCount, by: Self.batchCount) {
            if let only, only != index { continue }
            let input = Self.input(index, corpus: corpus)
            if let lastInputPath {
                try? (input.text.map { Data($0.utf8) } ?? input.data).write(to: URL(fileURLWithPath: lastInputPath + "-\(batch)"))
                try? "\(index) \(input.summary)".write(toFile: lastInputPath + "-\(batch).txt", atomically: false, encoding: .utf8)
            }
            let clock = Date()
            let outcome = Self.run(input, index: index)
            let seconds = Date().timeIntervalSince(clock)
            if seconds > slowest.seconds { slowest = (index, seconds) }
            if seconds > Self.slowInputSeconds { Issue.record("input \(index) (\(input.summary)) took \(seconds) s") }
            switch outcome {
            case .read: outcomes["read", default: 0] += 1
            case .refused(let kind): outcomes[kind.rawValue, default: 0] += 1
            case nil: outcomes["other error", default: 0] += 1
            }
        }
        let total = outcomes.values.reduce(0, +)
        print("ReaderMutationSweepTests batch \(batch): \(total) inputs in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; "
              + "slowest #\(slowest.index) \(String(format: "%.3f", slowest.seconds)) s; "
              + outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        guard only == nil else { return }
        #expect(total == Self.inputCount / Self.batchCount)
        // The mutations are meant to keep many inputs readable and to reach every refusal.
        #expect(outcomes["read", default: 0] > total / 3)
        for kind in [ReportReadError.Kind.empty, .badEncoding, .badArchive, .badXML, .notAReport] {
            #expect(outcomes[kind.rawValue, default: 0] > 0, "no input was refused as \(kind)")
        }
    }
}

/// Draws as this sweep has always made them (`below` takes nothing from the sequence for a bound
/// of 0 or 1), so a failure still reproduces from its index.
private extension SeededGenerator {
    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    mutating func inRange(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }
}
