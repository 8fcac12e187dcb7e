import Foundation

/// Reads a published rectification progress report (plain text in UTF-8 or GB18030/GBK,
/// .docx, or a saved .html page) into a `ReadReport`.
public struct ReportReader: Sendable {
    /// What reading one upload may cost.
    public var limits: UploadLimits

    public init(limits: UploadLimits = .standard) {
        self.limits = limits
    }

    /// Reads a file; the format comes from its extension, else from its bytes.
    public func read(contentsOf url: URL, format: ReportFormat? = nil) throws -> ReadReport {
        let data: Data
        do {
            // A file is read whole, so its size is checked first.
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
            if size > limits.maxFileBytes { throw UploadLimitExceeded(.fileSize, value: limits.maxFileBytes) }
            data = try Data(contentsOf: url)
        } catch let refusal as UploadLimitExceeded {
            throw refusal
        } catch {
            throw ReportReadError(kind: .unreadableFile, expected: "可读取的报告文件", found: url.path)
        }
        return try read(data: data, fileName: url.lastPathComponent, format: format)
    }

    /// Reads bytes; `format` wins over `fileName`'s extension, which wins over sniffing the bytes.
    public func read(data: Data, fileName: String? = nil, format: ReportFormat? = nil) throws -> ReadReport {
        guard !data.isEmpty else {
            throw ReportReadError(kind: .empty, expected: "巡察整改进展情况报告正文（纯文本、.docx 或 .html）")
        }
        let resolved = format ?? fileName.flatMap(ReportFormat.init(fileName:)) ?? ReportFormat(sniffing: data)
        // Text is decoded whole, so its size is bounded before decoding; a .docx is bounded as it inflates.
        if resolved != .docx, data.count > limits.maxTextReportBytes {
            throw UploadLimitExceeded(.textSize, value: limits.maxTextReportBytes)
        }
        let lines: [ReportLine]
        switch resolved {
        case .docx:
            lines = try ReportDocxExtractor.lines(from: data, limits: limits)
        case .html:
            lines = ReportLine.lines(of: ReportHTMLExtractor.text(fromHTML: try ReportTextDecoder.decode(data)))
        case .text:
            lines = ReportLine.lines(of: try ReportTextDecoder.decode(data))
        }
        if lines.count > limits.maxReportLines { throw UploadLimitExceeded(.reportLines, value: limits.maxReportLines) }
        return try read(lines: lines, format: resolved)
    }

    /// Reads text already decoded, as plain text.
    public func read(text: String) throws -> ReadReport {
        try read(lines: ReportLine.lines(of: text), format: .text)
    }

    /// A short line without sentence punctuation or a label: the issuing body above the date.
    static func isSignatureLine(_ line: ReportLine) -> Bool {
        let isSentence = line.normalized.contains { "。,;:".contains($0) }
        return (line.normalized as NSString).length <= 40 && !isSentence && ReportHeading.parse(line.normalized) == nil
    }

    static func webPublicationDate(in lines: ArraySlice<ReportLine>) -> (day: Day, quote: ReportQuote)? {
        for line in lines {
            let text = line.normalized as NSString
            guard let match = ReaderVocabulary.webPublicationDate.firstMatch(in: text) else { continue }
            let parts = (1...3).map { match.group($0, in: text).flatMap { Int($0) } }
            if let year = parts[0], let month = parts[1], let day = parts[2], let date = Day(year: year, month: month, day: day) {
                return (date, ReportQuote(text: line.original, location: ReportLocation(line: line.number)))
            }
        }
        return nil
    }

    func read(lines rawLines: [ReportLine], format: ReportFormat) throws -> ReadReport {
        let lines = ReportLineCleaner.clean(rawLines)
        guard let first = lines.first else {
            throw ReportReadError(kind: .empty, line: rawLines.first?.number,
                                  expected: "巡察整改进展情况报告正文（纯文本、.docx 或 .html）", found: "只有空行或网页框架")
        }
        // The signature (issuer and date) ends the report; it is nobody's progress text.
        var bodyLines = lines
        let signed = lines.last.map { ReaderVocabulary.signatureDate.contains($0.normalized) } ?? false
        if signed {
            bodyLines.removeLast()
            if let issuer = bodyLines.last, ReportReader.isSignatureLine(issuer) { bodyLines.removeLast() }
        }
        let outline = ReportOutlineParser.parse(bodyLines)
        var round = ReportRoundParser.parse(outsideLines: outline.outsideLines, allLines: lines)
        // A web copy cut off before its signature still says when it was published, in the site's header.
        if round.publicationDate == nil, let dated = ReportReader.webPublicationDate(in: rawLines.prefix(12)) {
            round.publicationDate = dated.day
            round.quotes["publication"] = dated.quote
        }
        var coverage = ReportCoverage()
        let claims = ReportClaimsParser.parse(outline.outsideLines, coverage: &coverage)
        let mentionsInspection = lines.contains { ReaderVocabulary.roundClause.contains($0.normalized) }
        let mentionsRectification = lines.contains { $0.normalized.contains("整改") }
        guard mentionsInspection, mentionsRectification || !outline.problems.isEmpty else {
            throw ReportReadError(kind: .notAReport, line: first.number,
                                  expected: "巡察整改进展情况报告（应写明巡察组、被巡察单位和问题整改情况）",
                                  found: String(first.original.prefix(30)))
        }
        var context = ReportFactExtractor.DateContext(year: round.feedbackDate?.year ?? round.onSiteEnd?.year)
        let problems = outline.problems.map { draft -> ReportProblem in
            let block = ReportTextBlock(parts: draft.parts)
            let measures = ReportMeasureSplitter.measures(in: block, context: &context)
            return ReportProblem(
                source: draft.source, number: draft.number, label: draft.label, labelStyle: draft.style,
                title: draft.title, heading: draft.heading, status: draft.status,
                progressText: block.trimmedOriginal,
                location: draft.location, sectionIndex: draft.sectionIndex, measures: measures)
        }
        var report = ReadReport(format: format, round: round, claims: claims, sections: outline.sections,
                                problems: problems, lineCount: lines.count)
        report.isComplete = signed
        // A heading's (共N个) is read by the outline as the section's count.
        let countedHeadings = Set(outline.sections.filter { $0.claimedCount != nil }.map(\.location.line))
        let headingSentences = coverage.unreadSentences.filter { countedHeadings.contains($0.location.line) }
        coverage.unreadSentences.removeAll { countedHeadings.contains($0.location.line) }
        coverage.summarySentencesRead += headingSentences.count
        coverage.unreadSentences = Array(coverage.unreadSentences.prefix(ReportCoverage.keptSentences))
        coverage.problemsRead = problems.count
        coverage.measuresRead = report.measureCount
        report.coverage = coverage
        // A round summary says so in its summary, not in an item.
        report.isRoundSummary = outline.outsideLines.contains { ReaderVocabulary.roundSummary.contains($0.normalized) }
        return report
    }
}
