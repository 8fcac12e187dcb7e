import Foundation
import ZIPFoundation
@testable import RectifyCore

/// Builds the files the tests read: .docx archives, GB18030 bytes, HTML pages and
/// ASCII-punctuated text, all from text at test time.
enum TestDocuments {
    static func escapeXML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A minimal .docx: one `w:p` per paragraph XML fragment given, optional numbering part.
    static func docx(paragraphs: [String], numbering: String? = nil, rawDocument: String? = nil) throws -> Data {
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
            </Types>
            """)
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
            </Relationships>
            """)
        let body = paragraphs.joined(separator: "\n")
        try add("word/document.xml", rawDocument ?? """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
            \(body)
            </w:body></w:document>
            """)
        if let numbering { try add("word/numbering.xml", numbering) }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// One plain paragraph per line, split into two runs to exercise run joining.
    static func docx(lines: [String]) throws -> Data {
        try docx(paragraphs: lines.map { line in
            let characters = Array(line)
            let half = characters.count / 2
            let first = escapeXML(String(characters[..<half]))
            let second = escapeXML(String(characters[half...]))
            return "<w:p><w:r><w:t xml:space=\"preserve\">\(first)</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>\(second)</w:t></w:r></w:p>"
        })
    }

    static func gb18030(_ text: String) throws -> Data {
        switch ReportTextDecoder.convert(Data(text.utf8), from: "UTF-8", to: "GB18030") {
        case .success(let data): return data
        case .failure(let offset): throw CocoaError(.fileReadInapplicableStringEncoding, userInfo: ["offset": offset])
        }
    }

    /// Full-width and typographic punctuation replaced by ASCII, as some sites publish.
    static func asciiPunctuation(_ text: String) -> String {
        let map: [Character: Character] = [
            "（": "(", "）": ")", "：": ":", "，": ",", "；": ";", "。": ".", "“": "\"", "”": "\"",
            "‘": "'", "’": "'", "、": ",", "！": "!", "？": "?",
        ]
        return String(text.map { map[$0] ?? $0 })
    }

    /// A saved page: head with script and style, site header, navigation, breadcrumbs, the
    /// report in `<p>` elements with entities, then share/print links and a footer.
    static func html(lines: [String]) -> String {
        let paragraphs = lines.map { line in
            "<p style=\"text-indent:2em\">" + escapeXML(line).replacingOccurrences(of: "“", with: "&ldquo;")
                .replacingOccurrences(of: "”", with: "&rdquo;") + "</p>"
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>巡察整改进展情况</title>
            <script>var tip = "<p>（1）关于“脚本中的假问题”问题</p>";</script><style>p { margin: 0 }</style></head>
            <body><header><div class="logo">赣州市城市管理局</div></header>
            <nav><ul><li><a href="/">首页</a></li><li>政务公开</li><li>巡察整改</li></ul></nav>
            <div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 巡察整改</div>
            <div class="info">发布时间：2024-08-20&nbsp;&nbsp;来源：本站</div>
            <div class="article">
            \(paragraphs)
            </div>
            <div class="share">分享到：微信 微博</div>
            <div class="tools">【打印本页】【关闭窗口】</div>
            <div>上一篇：关于开展城市管理领域专项整治的通知</div>
            <div>下一篇：中心城区户外广告整治工作推进会召开</div>
            <footer><p>版权所有：赣州市城市管理局</p></footer>
            </body></html>
            """
    }
}
