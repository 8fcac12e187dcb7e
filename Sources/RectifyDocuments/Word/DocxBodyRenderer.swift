import Foundation
import RectifyCore

/// Renders an `OfficialDocument` as the XML of word/document.xml, opening a landscape section
/// for each landscape table and closing it before the next portrait content.
struct DocxBodyRenderer {
    private var xml = ""
    private var landscape = false
    private var sectionHasContent = false
    /// Set by a page break; the next paragraph starts a new page (`w:pageBreakBefore`), so no
    /// empty line is left at the top of that page.
    private var pendingPageBreak = false

    static func render(_ document: OfficialDocument) -> String {
        var renderer = DocxBodyRenderer()
        renderer.xml.reserveCapacity(64 * 1024)
        renderer.renderDocument(document)
        return renderer.xml
    }

    private mutating func renderDocument(_ document: OfficialDocument) {
        xml += DocxPackageParts.declaration
        xml += "<w:document xmlns:w=\"\(DocxPackageParts.wordNamespace)\" xmlns:r=\"\(DocxPackageParts.relationshipNamespace)\"><w:body>"
        for line in document.printedTitleLines {
            paragraph(style: "Title", runs: [line])
        }
        if let subtitle = document.subtitle, !subtitle.isEmpty {
            paragraph(style: "Subtitle", runs: [subtitle])
        }
        emptyParagraph()
        if let addressee = document.printedAddressee {
            paragraph(style: "Addressee", runs: [addressee])
        }
        for block in document.blocks {
            render(block)
        }
        // The attachment note and signature stay in the last section, portrait or landscape.
        if !document.attachments.isEmpty {
            renderAttachmentNote(document.attachments)
        }
        renderSignature(issuer: document.issuer, date: document.date)
        for (index, attachment) in document.attachments.enumerated() where !attachment.blocks.isEmpty {
            ensureOrientation(landscape: false)
            pageBreak()
            let label = document.attachments.count == 1 ? "附件" : "附件\(index + 1)"
            paragraph(style: "AttachmentHeading", runs: [label])
            emptyParagraph()
            for line in TitleLineBreaker.lines(for: attachment.name) {
                paragraph(style: "Title", runs: [line])
            }
            emptyParagraph()
            for block in attachment.blocks {
                render(block)
            }
        }
        if pendingPageBreak {
            // A page break at the very end still gives the page it asks for.
            emptyParagraph()
        }
        xml += sectionProperties(landscape: landscape)
        xml += "</w:body></w:document>"
    }

    private mutating func render(_ block: DocumentBlock) {
        switch block {
        case .heading1(let text): portrait(); paragraph(style: "Heading1", runs: [text])
        case .heading2(let text): portrait(); paragraph(style: "Heading2", runs: [text])
        case .heading3(let text): portrait(); paragraph(style: "Heading3", runs: [text])
        case .heading4(let text): portrait(); paragraph(style: "Heading4", runs: [text])
        case .paragraph(let text): portrait(); paragraph(style: "BodyText", runs: [text])
        case .leadParagraph(let lead, let text): portrait(); paragraph(style: "BodyText", runs: [lead, text])
        case .table(let table): renderTable(table)
        case .pageBreak: pageBreak()
        }
    }

    private mutating func portrait() {
        ensureOrientation(landscape: false)
    }

    /// Closes the current section with a section break when the orientation changes.
    private mutating func ensureOrientation(landscape wanted: Bool) {
        guard wanted != landscape else { return }
        if sectionHasContent {
            // The section break takes the place of a trailing empty paragraph (after a table).
            if xml.hasSuffix("<w:p/>") { xml.removeLast("<w:p/>".count) }
            xml += "<w:p><w:pPr>\(sectionProperties(landscape: landscape))</w:pPr></w:p>"
        }
        landscape = wanted
        sectionHasContent = false
        // A new section starts on a new page anyway.
        pendingPageBreak = false
    }

    private func sectionProperties(landscape: Bool) -> String {
        var s = "<w:sectPr>"
        s += "<w:footerReference w:type=\"default\" r:id=\"\(DocxPackageParts.oddFooterID)\"/>"
        s += "<w:footerReference w:type=\"even\" r:id=\"\(DocxPackageParts.evenFooterID)\"/>"
        if landscape {
            s += "<w:pgSz w:w=\"\(DocxLayout.pageHeight)\" w:h=\"\(DocxLayout.pageWidth)\" w:orient=\"landscape\"/>"
            s += "<w:pgMar w:top=\"\(DocxLayout.landscapeMarginTop)\" w:right=\"\(DocxLayout.landscapeMarginRight)\" w:bottom=\"\(DocxLayout.landscapeMarginBottom)\" w:left=\"\(DocxLayout.landscapeMarginLeft)\" w:header=\"\(DocxLayout.headerDistance)\" w:footer=\"\(DocxLayout.landscapeMarginBottom - DocxLayout.pageNumberGap - DocxLayout.footerLineHeight)\" w:gutter=\"0\"/>"
        } else {
            s += "<w:pgSz w:w=\"\(DocxLayout.pageWidth)\" w:h=\"\(DocxLayout.pageHeight)\"/>"
            s += "<w:pgMar w:top=\"\(DocxLayout.marginTop)\" w:right=\"\(DocxLayout.marginRight)\" w:bottom=\"\(DocxLayout.marginBottom)\" w:left=\"\(DocxLayout.marginLeft)\" w:header=\"\(DocxLayout.headerDistance)\" w:footer=\"\(DocxLayout.footerDistance)\" w:gutter=\"0\"/>"
        }
        s += "<w:cols w:space=\"425\"/>"
        s += "<w:docGrid w:type=\"lines\" w:linePitch=\"\(DocxLayout.gridLinePitch)\"/>"
        return s + "</w:sectPr>"
    }

    private mutating func paragraph(style: String, properties: String = "", runs: [String]) {
        xml += "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/>\(takePageBreak())\(properties)</w:pPr>"
        for text in runs where !text.isEmpty {
            run(text)
        }
        xml += "</w:p>"
        sectionHasContent = true
    }

    private mutating func emptyParagraph() {
        let pageBreak = takePageBreak()
        xml += pageBreak.isEmpty ? "<w:p/>" : "<w:p><w:pPr>\(pageBreak)</w:pPr></w:p>"
        sectionHasContent = true
    }

    private mutating func pageBreak() {
        pendingPageBreak = true
    }

    private mutating func takePageBreak() -> String {
        guard pendingPageBreak else { return "" }
        pendingPageBreak = false
        return "<w:pageBreakBefore/>"
    }

    /// One run; line breaks become `w:br`, tabs `w:tab`.
    private mutating func run(_ text: String) {
        xml += "<w:r>"
        var first = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { xml += "<w:br/>" }
            first = false
            var firstPiece = true
            for piece in line.split(separator: "\t", omittingEmptySubsequences: false) {
                if !firstPiece { xml += "<w:tab/>" }
                firstPiece = false
                if !piece.isEmpty {
                    xml += "<w:t xml:space=\"preserve\">\(XMLEscaper.escape(String(piece)))</w:t>"
                }
            }
        }
        xml += "</w:r>"
    }

    private mutating func renderTable(_ table: DocumentTable) {
        ensureOrientation(landscape: table.landscape)
        if let caption = table.caption, !caption.isEmpty {
            paragraph(style: "TableCaption", runs: [caption])
        } else if pendingPageBreak {
            pendingPageBreak = false
            xml += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
        }
        let columns = max(1, table.columnCount)
        let textWidth = landscape ? DocxLayout.landscapeTextWidth : DocxLayout.portraitTextWidth
        let widths = Self.columnWidths(table.columnWidths, columns: columns, total: textWidth)
        xml += "<w:tbl><w:tblPr><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>"
        for edge in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            xml += "<w:\(edge) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        }
        xml += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
        for width in widths { xml += "<w:gridCol w:w=\"\(width)\"/>" }
        xml += "</w:tblGrid>"
        if !table.header.isEmpty {
            tableRow(table.header, widths: widths, header: true)
        }
        for row in table.rows {
            tableRow(row, widths: widths, header: false)
        }
        xml += "</w:tbl>"
        // A table must be followed by a paragraph, or Word joins it to the next table.
        emptyParagraph()
    }

    private mutating func tableRow(_ cells: [String], widths: [Int], header: Bool) {
        xml += header ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        for (index, width) in widths.enumerated() {
            let text = index < cells.count ? cells[index] : ""
            xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                xml += "<w:p><w:pPr><w:pStyle w:val=\"\(header ? "TableHeader" : "TableText")\"/></w:pPr>"
                if !line.isEmpty { run(String(line)) }
                xml += "</w:p>"
            }
            xml += "</w:tc>"
        }
        xml += "</w:tr>"
    }

    static func columnWidths(_ weights: [Int]?, columns: Int, total: Int) -> [Int] {
        var weights = (weights ?? []).map { max(1, $0) }
        if weights.count < columns { weights += Array(repeating: weights.isEmpty ? 1 : weights.reduce(0, +) / weights.count, count: columns - weights.count) }
        weights = Array(weights.prefix(columns))
        let sum = weights.reduce(0, +)
        var widths = weights.map { total * $0 / sum }
        widths[widths.count - 1] += total - widths.reduce(0, +)
        return widths
    }

    /// 附件说明: one blank line under the body, two characters in; several attachments are
    /// numbered and their names aligned under the first name.
    private mutating func renderAttachmentNote(_ attachments: [DocumentAttachment]) {
        emptyParagraph()
        let character = DocxLayout.bodyCharacter
        if attachments.count == 1 {
            paragraph(style: "AttachmentNote", properties: "<w:ind w:left=\"\(2 * character)\" w:hanging=\"0\"/>",
                      runs: ["附件：\(attachments[0].name)"])
            return
        }
        // "附件：" is three characters wide; following lines start under the "1.".
        let left = 5 * character
        for (index, attachment) in attachments.enumerated() {
            let prefix = index == 0 ? "附件：" : ""
            let properties = index == 0
                ? "<w:ind w:left=\"\(left)\" w:hanging=\"\(3 * character)\"/>"
                : "<w:ind w:left=\"\(left)\" w:firstLine=\"0\"/>"
            paragraph(style: "AttachmentNote", properties: properties, runs: ["\(prefix)\(index + 1).\(attachment.name)"])
        }
    }

    /// Signature without seal (GB/T 9704 7.3.5.2): one blank line under the body, the issuer
    /// two characters in from the right, the date on the next line starting two characters
    /// right of the issuer's first character; when the date is longer than the issuer, the date
    /// sits two characters in from the right and the issuer moves left.
    private mutating func renderSignature(issuer: String?, date: Day?) {
        let issuerText = issuer ?? ""
        let dateText = date?.chinese ?? ""
        guard !issuerText.isEmpty || !dateText.isEmpty else { return }
        emptyParagraph()
        let layout = Self.signatureIndents(issuer: issuerText, date: dateText)
        if !issuerText.isEmpty {
            paragraph(style: "Signature", properties: "<w:ind w:right=\"\(layout.issuer)\" w:firstLine=\"0\"/>", runs: [issuerText])
        }
        if !dateText.isEmpty {
            paragraph(style: "Signature", properties: "<w:ind w:right=\"\(layout.date)\" w:firstLine=\"0\"/>", runs: [dateText])
        }
    }

    /// Right indents (twips) of the issuer line and the date line.
    static func signatureIndents(issuer: String, date: String) -> (issuer: Int, date: Int) {
        let character = Double(DocxLayout.bodyCharacter)
        let issuerWidth = textWidth(issuer)
        let dateWidth = textWidth(date)
        if issuer.isEmpty { return (Int(2 * character), Int(2 * character)) }
        if dateWidth > issuerWidth {
            let issuerIndent = (2 + dateWidth + 2 - issuerWidth) * character
            return (Int(issuerIndent.rounded()), Int(2 * character))
        }
        let dateIndent = (2 + issuerWidth - 2 - dateWidth) * character
        return (Int(2 * character), Int(dateIndent.rounded()))
    }

    /// Width in body characters: ASCII digits and letters are half width.
    static func textWidth(_ text: String) -> Double {
        text.reduce(0) { $0 + ($1.isASCII ? 0.5 : 1) }
    }
}
