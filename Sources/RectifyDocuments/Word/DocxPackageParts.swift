import Foundation
import RectifyCore

/// The fixed parts of a .docx package: content types, relationships, styles, settings,
/// page-number footers and document properties.
enum DocxPackageParts {
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let oddFooterID = "rId3"
    static let evenFooterID = "rId4"

    static let contentTypes = declaration + """
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
    <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
    <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
    <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
    <Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
    <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
    <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
    </Types>
    """

    static let packageRelationships = declaration + """
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
    <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
    </Relationships>
    """

    static let documentRelationships = declaration + """
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
    <Relationship Id="\(oddFooterID)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>\
    <Relationship Id="\(evenFooterID)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>\
    </Relationships>
    """

    /// Even and odd pages get different footers (page number right on odd pages, left on even).
    static let settings = declaration + """
    <w:settings xmlns:w="\(wordNamespace)">\
    <w:zoom w:percent="100"/>\
    <w:defaultTabStop w:val="420"/>\
    <w:evenAndOddHeaders/>\
    <w:characterSpacingControl w:val="compressPunctuation"/>\
    <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
    </w:settings>
    """

    /// East Asian text in `eastAsia`, digits and Latin letters in Times New Roman.
    static func fonts(eastAsia: String, latin: String = DocxLayout.fontLatin) -> String {
        "<w:rFonts w:ascii=\"\(latin)\" w:eastAsia=\"\(eastAsia)\" w:hAnsi=\"\(latin)\" w:cs=\"\(latin)\"/>"
    }

    static let condensed = "<w:spacing w:val=\"\(DocxLayout.characterSpacing)\"/>"

    static func size(_ halfPoints: Int) -> String {
        "<w:sz w:val=\"\(halfPoints)\"/><w:szCs w:val=\"\(halfPoints)\"/>"
    }

    /// No extra space between Chinese characters and digits or Latin letters, so that
    /// "2024年8月20日" prints without gaps and signature widths stay as computed.
    static let noAutoSpace = "<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>"
    static let exactLine = "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"\(DocxLayout.lineSpacing)\" w:lineRule=\"exact\"/>"
    static let bodyIndent = "<w:ind w:firstLine=\"\(2 * DocxLayout.bodyCharacter)\" w:firstLineChars=\"200\"/>"
    static let noIndent = "<w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/>"

    private static func paragraphStyle(id: String, name: String, basedOn: String? = "Normal", outline: Int? = nil,
                                       paragraph: String, run: String) -> String {
        var xml = "<w:style w:type=\"paragraph\" w:customStyle=\"\(id.hasPrefix("Heading") || id == "Normal" || id == "Title" || id == "Footer" ? 0 : 1)\" w:styleId=\"\(id)\">"
        xml += "<w:name w:val=\"\(name)\"/>"
        if let basedOn { xml += "<w:basedOn w:val=\"\(basedOn)\"/>" }
        xml += "<w:qFormat/>"
        var pPr = paragraph
        if let outline { pPr += "<w:outlineLvl w:val=\"\(outline)\"/>" }
        if !pPr.isEmpty { xml += "<w:pPr>\(pPr)</w:pPr>" }
        if !run.isEmpty { xml += "<w:rPr>\(run)</w:rPr>" }
        return xml + "</w:style>"
    }

    static let styles: String = {
        let body = DocxLayout.bodySize
        var xml = declaration + "<w:styles xmlns:w=\"\(wordNamespace)\">"
        xml += "<w:docDefaults><w:rPrDefault><w:rPr>\(fonts(eastAsia: DocxLayout.fontFangSong))\(condensed)"
        xml += "\(size(body))<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
        xml += "<w:pPrDefault><w:pPr>\(noAutoSpace)\(exactLine)<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        xml += "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
        xml += "<w:pPr>\(noAutoSpace)\(exactLine)<w:jc w:val=\"both\"/></w:pPr><w:rPr>\(fonts(eastAsia: DocxLayout.fontFangSong))\(condensed)\(size(body))</w:rPr></w:style>"
        xml += "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>"
        xml += "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
        xml += paragraphStyle(id: "Title", name: "Title", paragraph: "\(exactLine)\(noIndent)<w:jc w:val=\"center\"/>",
                              run: fonts(eastAsia: DocxLayout.fontTitle) + size(DocxLayout.titleSize))
        xml += paragraphStyle(id: "Subtitle", name: "Subtitle", paragraph: "\(noIndent)<w:jc w:val=\"center\"/>",
                              run: fonts(eastAsia: DocxLayout.fontKai) + size(body))
        xml += paragraphStyle(id: "BodyText", name: "Body Text", paragraph: bodyIndent, run: size(body))
        xml += paragraphStyle(id: "Heading1", name: "heading 1", basedOn: "BodyText", outline: 0, paragraph: "<w:keepNext/>",
                              run: fonts(eastAsia: DocxLayout.fontHei) + size(body))
        xml += paragraphStyle(id: "Heading2", name: "heading 2", basedOn: "BodyText", outline: 1, paragraph: "<w:keepNext/>",
                              run: fonts(eastAsia: DocxLayout.fontKai) + size(body))
        xml += paragraphStyle(id: "Heading3", name: "heading 3", basedOn: "BodyText", outline: 2, paragraph: "<w:keepNext/>",
                              run: fonts(eastAsia: DocxLayout.fontFangSong) + size(body))
        xml += paragraphStyle(id: "Heading4", name: "heading 4", basedOn: "BodyText", outline: 3, paragraph: "<w:keepNext/>",
                              run: fonts(eastAsia: DocxLayout.fontFangSong) + size(body))
        xml += paragraphStyle(id: "Addressee", name: "Addressee", paragraph: noIndent, run: size(body))
        xml += paragraphStyle(id: "Signature", name: "Signature", paragraph: "<w:jc w:val=\"right\"/>", run: size(body))
        xml += paragraphStyle(id: "AttachmentNote", name: "Attachment Note", paragraph: "", run: size(body))
        xml += paragraphStyle(id: "AttachmentHeading", name: "Attachment Heading", paragraph: noIndent,
                              run: fonts(eastAsia: DocxLayout.fontHei) + size(body))
        xml += paragraphStyle(id: "TableCaption", name: "Table Caption", paragraph: "<w:keepNext/>\(noIndent)<w:jc w:val=\"center\"/>",
                              run: fonts(eastAsia: DocxLayout.fontHei) + size(body))
        // Table cells and the footer keep their own line height instead of the 29 pt grid.
        let offGrid = "<w:snapToGrid w:val=\"0\"/>"
        let tableSpacing = "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
        xml += paragraphStyle(id: "TableHeader", name: "Table Header", paragraph: "\(offGrid)\(tableSpacing)\(noIndent)<w:jc w:val=\"center\"/>",
                              run: fonts(eastAsia: DocxLayout.fontHei) + size(DocxLayout.tableSize))
        xml += paragraphStyle(id: "TableText", name: "Table Text", paragraph: "\(offGrid)\(tableSpacing)\(noIndent)<w:jc w:val=\"left\"/>",
                              run: size(DocxLayout.tableSize))
        xml += paragraphStyle(id: "Footer", name: "footer", paragraph: "\(offGrid)<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"\(DocxLayout.footerLineHeight)\" w:lineRule=\"exact\"/>\(noIndent)",
                              run: fonts(eastAsia: DocxLayout.fontSong, latin: DocxLayout.fontSong) + size(DocxLayout.footerSize))
        return xml + "</w:styles>"
    }()

    /// A footer holding "— N —" with a PAGE field, in 4号 half-width 宋体. Odd pages: right
    /// aligned one character in from the right; even pages: left aligned one character in.
    static func footer(odd: Bool) -> String {
        let run = "<w:rPr>\(fonts(eastAsia: DocxLayout.fontSong, latin: DocxLayout.fontSong))\(size(DocxLayout.footerSize))</w:rPr>"
        let indent = odd ? "<w:ind w:right=\"\(DocxLayout.footerCharacter)\"/>" : "<w:ind w:left=\"\(DocxLayout.footerCharacter)\"/>"
        var xml = declaration + "<w:ftr xmlns:w=\"\(wordNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
        xml += "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/>\(indent)<w:jc w:val=\"\(odd ? "right" : "left")\"/></w:pPr>"
        xml += "<w:r>\(run)<w:t xml:space=\"preserve\">— </w:t></w:r>"
        xml += "<w:r>\(run)<w:fldChar w:fldCharType=\"begin\"/></w:r>"
        xml += "<w:r>\(run)<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
        xml += "<w:r>\(run)<w:fldChar w:fldCharType=\"separate\"/></w:r>"
        xml += "<w:r>\(run)<w:t>\(odd ? 1 : 2)</w:t></w:r>"
        xml += "<w:r>\(run)<w:fldChar w:fldCharType=\"end\"/></w:r>"
        xml += "<w:r>\(run)<w:t xml:space=\"preserve\"> —</w:t></w:r>"
        return xml + "</w:p></w:ftr>"
    }

    static func coreProperties(title: String, date: Day?) -> String {
        let stamp = (date?.iso ?? "2024-01-01") + "T00:00:00Z"
        return declaration + """
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
        xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
        <dc:title>\(XMLEscaper.escape(title))</dc:title>\
        <dc:creator>巡察整改督办平台</dc:creator>\
        <dc:language>zh-CN</dc:language>\
        <dcterms:created xsi:type="dcterms:W3CDTF">\(stamp)</dcterms:created>\
        <dcterms:modified xsi:type="dcterms:W3CDTF">\(stamp)</dcterms:modified>\
        </cp:coreProperties>
        """
    }

    static let appProperties = declaration + """
    <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
    xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
    <Application>Rectify</Application><DocSecurity>0</DocSecurity></Properties>
    """
}
